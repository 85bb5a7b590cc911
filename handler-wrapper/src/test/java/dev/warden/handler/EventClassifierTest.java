package dev.warden.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.warden.handler.event.EventClassifier;
import dev.warden.handler.event.MiniJson;
import dev.warden.handler.event.Trigger;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventClassifierTest {
  private static Trigger classify(String json) {
    return EventClassifier.classify(
        MiniJson.parseOrNull(json.getBytes(StandardCharsets.UTF_8)), null);
  }

  private static String s(Attributes a, String key) {
    return a.get(AttributeKey.stringKey(key));
  }

  private static Long l(Attributes a, String key) {
    return a.get(AttributeKey.longKey(key));
  }

  @Test
  void apiGatewayRestIsAnHttpServerSpanNamedAfterTheResource() {
    Trigger t = classify(EventSamples.API_GATEWAY_REST);
    assertEquals(Trigger.Source.API_GATEWAY_REST, t.source());
    assertEquals("http", t.faasTrigger());
    assertEquals(SpanKind.SERVER, t.spanKind());
    assertEquals("/orders/{id}", t.spanName());
    Attributes a = t.attributes();
    assertEquals("GET", s(a, "http.request.method"));
    assertEquals("/orders/42", s(a, "url.path"));
    assertEquals("/orders/{id}", s(a, "http.route"));
    assertEquals("abc123.execute-api.eu-west-1.amazonaws.com", s(a, "server.address"));
    assertEquals(443L, l(a, "server.port"));
    assertEquals("https", s(a, "url.scheme"));
    assertEquals("curl/8.5.0", s(a, "user_agent.original"));
    assertEquals("203.0.113.9", s(a, "client.address"));
    // the query string is where payloads travel: never copied
    assertNull(s(a, "url.query"));
  }

  @Test
  void apiGatewayHttpApiTakesTheRouteFromTheRouteKey() {
    Trigger t = classify(EventSamples.API_GATEWAY_HTTP);
    assertEquals(Trigger.Source.API_GATEWAY_HTTP, t.source());
    assertEquals(SpanKind.SERVER, t.spanKind());
    assertEquals("/orders", t.spanName());
    assertEquals("POST", s(t.attributes(), "http.request.method"));
    assertEquals("/orders", s(t.attributes(), "http.route"));
    assertEquals("/orders", s(t.attributes(), "url.path"));
    assertEquals("Mozilla/5.0", s(t.attributes(), "user_agent.original"));
    assertEquals("198.51.100.7", s(t.attributes(), "client.address"));
  }

  @Test
  void functionUrlHasNoRouteAndKeepsTheFunctionName() {
    Trigger t = classify(EventSamples.FUNCTION_URL);
    assertEquals(Trigger.Source.FUNCTION_URL, t.source());
    assertEquals("http", t.faasTrigger());
    assertNull(t.spanName());
    assertNull(s(t.attributes(), "http.route"));
    assertEquals("PUT", s(t.attributes(), "http.request.method"));
    assertEquals("abcdef.lambda-url.eu-west-1.on.aws", s(t.attributes(), "server.address"));
  }

  @Test
  void albTakesTheClientFromXForwardedFor() {
    Trigger t = classify(EventSamples.ALB);
    assertEquals(Trigger.Source.ALB, t.source());
    assertEquals(SpanKind.SERVER, t.spanKind());
    assertEquals("DELETE", s(t.attributes(), "http.request.method"));
    assertEquals("/items/9", s(t.attributes(), "url.path"));
    assertEquals("lb.example.com", s(t.attributes(), "server.address"));
    assertEquals("192.0.2.44", s(t.attributes(), "client.address"));
    assertEquals("http", s(t.attributes(), "url.scheme"));
    assertEquals(80L, l(t.attributes(), "server.port"));
  }

  @Test
  void sqsBatchIsAConsumerProcessSpan() {
    Trigger t = classify(EventSamples.SQS);
    assertEquals(Trigger.Source.SQS, t.source());
    assertEquals("pubsub", t.faasTrigger());
    assertEquals(SpanKind.CONSUMER, t.spanKind());
    assertEquals("orders-queue process", t.spanName());
    assertEquals("aws_sqs", s(t.attributes(), "messaging.system"));
    assertEquals("orders-queue", s(t.attributes(), "messaging.destination.name"));
    assertEquals("process", s(t.attributes(), "messaging.operation.type"));
    assertEquals(2L, l(t.attributes(), "messaging.batch.message_count"));
    assertNull(s(t.attributes(), "messaging.message.id"));
  }

  @Test
  void snsNamesTheTopic() {
    Trigger t = classify(EventSamples.SNS);
    assertEquals(Trigger.Source.SNS, t.source());
    assertEquals(SpanKind.CONSUMER, t.spanKind());
    assertEquals("aws_sns", s(t.attributes(), "messaging.system"));
    assertEquals("alerts", s(t.attributes(), "messaging.destination.name"));
    assertEquals("95df01b4-ee98-5cb9-9903-4c221d41eb5e", s(t.attributes(), "messaging.message.id"));
  }

  @Test
  void s3IsADatasourceWithTheDocumentAttributes() {
    Trigger t = classify(EventSamples.S3);
    assertEquals(Trigger.Source.S3, t.source());
    assertEquals("datasource", t.faasTrigger());
    assertEquals("uploads-bucket", s(t.attributes(), "faas.document.collection"));
    assertEquals("insert", s(t.attributes(), "faas.document.operation"));
    assertEquals("incoming/photo.jpg", s(t.attributes(), "faas.document.name"));
    assertEquals("2026-05-01T12:00:00.000Z", s(t.attributes(), "faas.document.time"));
  }

  @Test
  void dynamodbStreamNamesTheTable() {
    Trigger t = classify(EventSamples.DYNAMODB);
    assertEquals(Trigger.Source.DYNAMODB_STREAM, t.source());
    assertEquals("datasource", t.faasTrigger());
    assertEquals("Orders", s(t.attributes(), "faas.document.collection"));
    assertEquals("edit", s(t.attributes(), "faas.document.operation"));
  }

  @Test
  void kinesisNamesTheStream() {
    Trigger t = classify(EventSamples.KINESIS);
    assertEquals(Trigger.Source.KINESIS, t.source());
    assertEquals(SpanKind.CONSUMER, t.spanKind());
    assertEquals("clicks", s(t.attributes(), "messaging.destination.name"));
    assertEquals(1L, l(t.attributes(), "messaging.batch.message_count"));
  }

  @Test
  void eventBridgeAndScheduledEvents() {
    Trigger eb = classify(EventSamples.EVENTBRIDGE);
    assertEquals(Trigger.Source.EVENTBRIDGE, eb.source());
    assertEquals("pubsub", eb.faasTrigger());
    assertEquals("com.example.orders", s(eb.attributes(), "cloudevents.event_source"));
    assertEquals("OrderPlaced", s(eb.attributes(), "cloudevents.event_type"));
    Trigger timer = classify(EventSamples.SCHEDULED);
    assertEquals(Trigger.Source.SCHEDULED, timer.source());
    assertEquals("timer", timer.faasTrigger());
    assertEquals("2026-05-01T12:00:00Z", s(timer.attributes(), "faas.time"));
  }

  @Test
  void anythingElseIsADirectInvocation() {
    for (String json : List.of(EventSamples.DIRECT, "\"text\"", "42", "[1,2]", "{not json", "")) {
      Trigger t = classify(json);
      assertEquals(Trigger.Source.DIRECT, t.source(), json);
      assertEquals("other", t.faasTrigger());
      assertEquals(SpanKind.SERVER, t.spanKind());
    }
    assertEquals(Trigger.Source.DIRECT, EventClassifier.classify(null, null).source());
  }

  @Test
  void aMapEventIsClassifiedLikeItsJson() {
    Object map = MiniJson.parse(EventSamples.SQS);
    Trigger t = EventClassifier.classify(null, map);
    assertEquals(Trigger.Source.SQS, t.source());
  }

  /** Shaped like aws-lambda-java-events' SQSEvent: getters, not map keys. */
  public static final class SQSEvent {
    public List<SQSMessage> getRecords() {
      return List.of(new SQSMessage());
    }

    public static final class SQSMessage {
      public String getMessageId() {
        return "m-1";
      }

      public String getEventSource() {
        return "aws:sqs";
      }

      public String getEventSourceArn() {
        return "arn:aws:sqs:eu-west-1:123456789012:pojo-queue";
      }
    }
  }

  /** Shaped like APIGatewayProxyRequestEvent. */
  public static final class APIGatewayProxyRequestEvent {
    public String getHttpMethod() {
      return "PATCH";
    }

    public String getResource() {
      return "/things/{id}";
    }

    public String getPath() {
      return "/things/1";
    }

    public Map<String, String> getHeaders() {
      return Map.of("user-agent", "pojo-agent");
    }

    public Object getRequestContext() {
      return Map.of("stage", "prod");
    }
  }

  @Test
  void aPojoEventIsClassifiedThroughItsGetters() {
    Trigger sqs = EventClassifier.classify(null, new SQSEvent());
    assertEquals(Trigger.Source.SQS, sqs.source());
    assertEquals("pojo-queue", s(sqs.attributes(), "messaging.destination.name"));
    assertEquals("m-1", s(sqs.attributes(), "messaging.message.id"));
    Trigger http = EventClassifier.classify(null, new APIGatewayProxyRequestEvent());
    assertEquals(Trigger.Source.API_GATEWAY_REST, http.source());
    assertEquals("/things/{id}", http.spanName());
    assertEquals("PATCH", s(http.attributes(), "http.request.method"));
    assertEquals("pojo-agent", s(http.attributes(), "user_agent.original"));
  }

  @Test
  void miniJsonRoundTrips() {
    Object v = MiniJson.parse("{\"a\":[1,2.5,\"x\\n\\u0041\",true,null],\"b\":{}}");
    assertEquals("{\"a\":[1,2.5,\"x\\nA\",true,null],\"b\":{}}", MiniJson.write(v));
  }
}
