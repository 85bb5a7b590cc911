package dev.warden.handler.event;

import static dev.warden.handler.event.EventView.get;
import static dev.warden.handler.event.EventView.header;
import static dev.warden.handler.event.EventView.list;
import static dev.warden.handler.event.EventView.path;
import static dev.warden.handler.event.EventView.str;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import java.util.List;
import java.util.Objects;

/**
 * Classifies a Lambda event (parsed JSON, a {@code Map}, or a deserialised POJO of {@code
 * aws-lambda-java-events}) and derives the invocation span's kind, name and attributes per the
 * OpenTelemetry FaaS, AWS Lambda, HTTP and messaging semantic conventions.
 *
 * <p>Query strings and bodies are never copied into attributes: they are where attack payloads and
 * secrets travel.
 */
public final class EventClassifier {
  static final AttributeKey<String> HTTP_REQUEST_METHOD =
      AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
  static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
  static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> MESSAGING_DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<String> MESSAGING_OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<String> MESSAGING_OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");
  static final AttributeKey<Long> MESSAGING_BATCH_COUNT =
      AttributeKey.longKey("messaging.batch.message_count");
  static final AttributeKey<String> MESSAGING_MESSAGE_ID =
      AttributeKey.stringKey("messaging.message.id");
  static final AttributeKey<String> FAAS_DOCUMENT_COLLECTION =
      AttributeKey.stringKey("faas.document.collection");
  static final AttributeKey<String> FAAS_DOCUMENT_OPERATION =
      AttributeKey.stringKey("faas.document.operation");
  static final AttributeKey<String> FAAS_DOCUMENT_NAME =
      AttributeKey.stringKey("faas.document.name");
  static final AttributeKey<String> FAAS_DOCUMENT_TIME =
      AttributeKey.stringKey("faas.document.time");
  static final AttributeKey<String> FAAS_TIME = AttributeKey.stringKey("faas.time");
  static final AttributeKey<String> AWS_S3_BUCKET = AttributeKey.stringKey("aws.s3.bucket");
  static final AttributeKey<String> CLOUDEVENTS_ID = AttributeKey.stringKey("cloudevents.event_id");
  static final AttributeKey<String> CLOUDEVENTS_SOURCE =
      AttributeKey.stringKey("cloudevents.event_source");
  static final AttributeKey<String> CLOUDEVENTS_TYPE =
      AttributeKey.stringKey("cloudevents.event_type");

  private static final String MULTIPLE_SOURCES = "multiple_sources";

  private EventClassifier() {}

  /**
   * Classifies an event: {@code parsedJson} if the raw JSON was available (see {@link
   * MiniJson#parseOrNull}), else the deserialised {@code event}. Never throws; anything
   * unrecognised is a direct invocation ({@code faas.trigger=other}).
   */
  public static Trigger classify(Object parsedJson, Object event) {
    Object e = parsedJson != null ? parsedJson : event;
    try {
      Trigger t = classify(e);
      if (t != null) {
        return t;
      }
    } catch (RuntimeException | LinkageError ignored) {
      // an odd event is a direct invocation, never a failed one
    }
    return direct();
  }

  private static Trigger classify(Object e) {
    if (e == null
        || e instanceof CharSequence
        || e instanceof Number
        || e instanceof Boolean
        || e instanceof byte[]) {
      return null;
    }
    List<?> records = list(e, "Records");
    if (!records.isEmpty()) {
      Object first = records.get(0);
      String source = str(first, "eventSource");
      if (source == null) {
        source = str(first, "EventSource");
      }
      if (source != null) {
        switch (source) {
          case "aws:sqs":
            return sqs(records);
          case "aws:sns":
            return sns(records);
          case "aws:s3":
            return s3(first);
          case "aws:dynamodb":
            return dynamodb(records);
          case "aws:kinesis":
            return kinesis(records);
          default:
            break;
        }
      }
    }
    Object requestContext = get(e, "requestContext");
    if (requestContext != null && get(requestContext, "elb") != null) {
      return alb(e);
    }
    if (get(e, "routeKey") != null || path(requestContext, "http", "method") != null) {
      return httpApi(e, requestContext);
    }
    if (get(e, "httpMethod") != null && (requestContext != null || get(e, "resource") != null)) {
      return restApi(e, requestContext);
    }
    String detailType = str(e, "detail-type");
    String eventSource = str(e, "source");
    if (detailType != null && eventSource != null) {
      return eventBridge(e, detailType, eventSource);
    }
    return null;
  }

  private static Trigger restApi(Object e, Object rc) {
    AttributesBuilder a = Attributes.builder();
    String route = str(e, "resource");
    putHttp(
        a,
        str(e, "httpMethod"),
        str(e, "path"),
        route,
        firstNonNull(header(e, "Host"), str(rc, "domainName")),
        firstNonNull(header(e, "User-Agent"), str(rc, "identity", "userAgent")),
        str(rc, "identity", "sourceIp"),
        header(e, "X-Forwarded-Proto"),
        header(e, "X-Forwarded-Port"));
    return new Trigger(Trigger.Source.API_GATEWAY_REST, "http", SpanKind.SERVER, route, a.build());
  }

  private static Trigger httpApi(Object e, Object rc) {
    String domain = str(rc, "domainName");
    boolean functionUrl = domain != null && domain.contains(".lambda-url.");
    String route = null;
    String routeKey = str(e, "routeKey");
    if (!functionUrl && routeKey != null && !routeKey.equals("$default")) {
      int space = routeKey.indexOf(' ');
      route = space >= 0 ? routeKey.substring(space + 1) : routeKey;
    }
    String method = firstNonNull(str(rc, "http", "method"), methodOf(routeKey));
    AttributesBuilder a = Attributes.builder();
    putHttp(
        a,
        method,
        firstNonNull(str(e, "rawPath"), str(rc, "http", "path")),
        route,
        firstNonNull(domain, header(e, "Host")),
        firstNonNull(str(rc, "http", "userAgent"), header(e, "User-Agent")),
        str(rc, "http", "sourceIp"),
        header(e, "X-Forwarded-Proto"),
        header(e, "X-Forwarded-Port"));
    return new Trigger(
        functionUrl ? Trigger.Source.FUNCTION_URL : Trigger.Source.API_GATEWAY_HTTP,
        "http",
        SpanKind.SERVER,
        route,
        a.build());
  }

  private static Trigger alb(Object e) {
    AttributesBuilder a = Attributes.builder();
    String forwardedFor = header(e, "X-Forwarded-For");
    String client = null;
    if (forwardedFor != null) {
      int comma = forwardedFor.indexOf(',');
      client = (comma >= 0 ? forwardedFor.substring(0, comma) : forwardedFor).trim();
    }
    putHttp(
        a,
        str(e, "httpMethod"),
        str(e, "path"),
        null,
        header(e, "Host"),
        header(e, "User-Agent"),
        client,
        header(e, "X-Forwarded-Proto"),
        header(e, "X-Forwarded-Port"));
    return new Trigger(Trigger.Source.ALB, "http", SpanKind.SERVER, null, a.build());
  }

  private static void putHttp(
      AttributesBuilder a,
      String method,
      String urlPath,
      String route,
      String host,
      String userAgent,
      String client,
      String scheme,
      String port) {
    putIfPresent(a, HTTP_REQUEST_METHOD, method);
    putIfPresent(a, URL_PATH, urlPath);
    putIfPresent(a, HTTP_ROUTE, route);
    putIfPresent(a, SERVER_ADDRESS, host == null ? null : stripPort(host));
    putIfPresent(a, USER_AGENT, userAgent);
    putIfPresent(a, CLIENT_ADDRESS, client);
    putIfPresent(a, URL_SCHEME, scheme == null ? null : scheme.toLowerCase(java.util.Locale.ROOT));
    if (port != null) {
      try {
        a.put(SERVER_PORT, Long.parseLong(port.trim()));
      } catch (NumberFormatException ignored) {
        // not a port: leave it out
      }
    }
  }

  private static Trigger sqs(List<?> records) {
    String queue = commonName(records, "eventSourceARN");
    AttributesBuilder a = messaging("aws_sqs", queue, records.size());
    if (records.size() == 1) {
      putIfPresent(a, MESSAGING_MESSAGE_ID, str(records.get(0), "messageId"));
    }
    return new Trigger(
        Trigger.Source.SQS,
        "pubsub",
        SpanKind.CONSUMER,
        (queue == null ? MULTIPLE_SOURCES : queue) + " process",
        a.build());
  }

  private static Trigger sns(List<?> records) {
    String topic = null;
    boolean mixed = false;
    for (Object r : records) {
      String t = lastSegment(str(r, "Sns", "TopicArn"), ':');
      if (topic == null) {
        topic = t;
      } else if (!Objects.equals(topic, t)) {
        mixed = true;
      }
    }
    if (mixed) {
      topic = null;
    }
    AttributesBuilder a = messaging("aws_sns", topic, records.size());
    if (records.size() == 1) {
      putIfPresent(a, MESSAGING_MESSAGE_ID, str(records.get(0), "Sns", "MessageId"));
    }
    return new Trigger(
        Trigger.Source.SNS,
        "pubsub",
        SpanKind.CONSUMER,
        (topic == null ? MULTIPLE_SOURCES : topic) + " process",
        a.build());
  }

  private static Trigger kinesis(List<?> records) {
    // the stream name is the ARN's last segment after "stream/"
    String stream = commonName(records, "eventSourceARN");
    if (stream != null) {
      stream = lastSegment(stream, '/');
    }
    AttributesBuilder a = messaging("aws_kinesis", stream, records.size());
    putIfPresent(a, AttributeKey.stringKey("aws.kinesis.stream_name"), stream);
    return new Trigger(
        Trigger.Source.KINESIS,
        "pubsub",
        SpanKind.CONSUMER,
        (stream == null ? MULTIPLE_SOURCES : stream) + " process",
        a.build());
  }

  private static AttributesBuilder messaging(String system, String destination, int count) {
    AttributesBuilder a = Attributes.builder();
    a.put(MESSAGING_SYSTEM, system);
    putIfPresent(a, MESSAGING_DESTINATION, destination);
    a.put(MESSAGING_OPERATION_TYPE, "process");
    a.put(MESSAGING_OPERATION_NAME, "process");
    a.put(MESSAGING_BATCH_COUNT, (long) count);
    return a;
  }

  private static Trigger s3(Object record) {
    AttributesBuilder a = Attributes.builder();
    String bucket = str(record, "s3", "bucket", "name");
    putIfPresent(a, FAAS_DOCUMENT_COLLECTION, bucket);
    putIfPresent(a, AWS_S3_BUCKET, bucket);
    putIfPresent(a, FAAS_DOCUMENT_NAME, str(record, "s3", "object", "key"));
    putIfPresent(a, FAAS_DOCUMENT_TIME, str(record, "eventTime"));
    String name = str(record, "eventName");
    if (name != null) {
      putIfPresent(
          a,
          FAAS_DOCUMENT_OPERATION,
          name.startsWith("ObjectCreated")
              ? "insert"
              : name.startsWith("ObjectRemoved") ? "delete" : "edit");
    }
    return new Trigger(Trigger.Source.S3, "datasource", SpanKind.SERVER, null, a.build());
  }

  private static Trigger dynamodb(List<?> records) {
    AttributesBuilder a = Attributes.builder();
    Object first = records.get(0);
    // arn:aws:dynamodb:region:account:table/Name/stream/label
    String arn = str(first, "eventSourceARN");
    if (arn != null) {
      int table = arn.indexOf(":table/");
      if (table >= 0) {
        String rest = arn.substring(table + 7);
        int slash = rest.indexOf('/');
        putIfPresent(a, FAAS_DOCUMENT_COLLECTION, slash >= 0 ? rest.substring(0, slash) : rest);
      }
    }
    String op = str(first, "eventName");
    if (op != null) {
      putIfPresent(
          a,
          FAAS_DOCUMENT_OPERATION,
          switch (op) {
            case "INSERT" -> "insert";
            case "MODIFY" -> "edit";
            case "REMOVE" -> "delete";
            default -> null;
          });
    }
    Object created = path(first, "dynamodb", "ApproximateCreationDateTime");
    if (created instanceof Number n) {
      putIfPresent(
          a,
          FAAS_DOCUMENT_TIME,
          java.time.Instant.ofEpochMilli((long) (n.doubleValue() * 1000)).toString());
    }
    return new Trigger(
        Trigger.Source.DYNAMODB_STREAM, "datasource", SpanKind.SERVER, null, a.build());
  }

  private static Trigger eventBridge(Object e, String detailType, String source) {
    AttributesBuilder a = Attributes.builder();
    if ("aws.events".equals(source) && "Scheduled Event".equals(detailType)) {
      putIfPresent(a, FAAS_TIME, str(e, "time"));
      return new Trigger(Trigger.Source.SCHEDULED, "timer", SpanKind.SERVER, null, a.build());
    }
    putIfPresent(a, CLOUDEVENTS_ID, str(e, "id"));
    putIfPresent(a, CLOUDEVENTS_SOURCE, source);
    putIfPresent(a, CLOUDEVENTS_TYPE, detailType);
    return new Trigger(Trigger.Source.EVENTBRIDGE, "pubsub", SpanKind.CONSUMER, null, a.build());
  }

  private static Trigger direct() {
    return new Trigger(Trigger.Source.DIRECT, "other", SpanKind.SERVER, null, Attributes.empty());
  }

  /** The last {@code :}-segment of the records' {@code arnKey}, if all records share it. */
  private static String commonName(List<?> records, String arnKey) {
    String name = null;
    for (Object r : records) {
      String n = lastSegment(str(r, arnKey), ':');
      if (n == null) {
        return null;
      }
      if (name == null) {
        name = n;
      } else if (!name.equals(n)) {
        return null;
      }
    }
    return name;
  }

  private static String lastSegment(String s, char separator) {
    if (s == null) {
      return null;
    }
    int i = s.lastIndexOf(separator);
    return i >= 0 ? s.substring(i + 1) : s;
  }

  private static String methodOf(String routeKey) {
    if (routeKey == null) {
      return null;
    }
    int space = routeKey.indexOf(' ');
    return space > 0 ? routeKey.substring(0, space) : null;
  }

  private static String stripPort(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close > 0 ? host.substring(1, close) : host;
    }
    int colon = host.indexOf(':');
    return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  private static void putIfPresent(AttributesBuilder a, AttributeKey<String> key, String value) {
    if (value != null && !value.isEmpty()) {
      a.put(key, value);
    }
  }
}
