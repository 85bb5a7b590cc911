package dev.warden.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WardenHandlerTest {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final WardenTelemetry telemetry = Fixtures.inMemory(exporter);

  @AfterEach
  void close() {
    telemetry.close();
  }

  /** Echoes its input: proves the function sees the whole event. */
  public static final class EchoStreamHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context)
        throws IOException {
      out.write(("echo:" + context.getAwsRequestId() + ":").getBytes(StandardCharsets.UTF_8));
      in.transferTo(out);
    }
  }

  public static final class MapHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
      return "records=" + ((List<?>) event.get("Records")).size();
    }
  }

  /** POJO handlers: any name, inherited, (T, Context), (String), (), static. */
  public static class BasePojo {
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
      return Map.of("action", event.get("action"), "id", context.getAwsRequestId());
    }
  }

  public static final class PojoHandler extends BasePojo {
    public String shout(String s) {
      return s.toUpperCase();
    }

    public static void ping() {}

    public void fail(Map<String, Object> event) throws IOException {
      throw new IOException("checked failure");
    }

    public void streams(InputStream in, OutputStream out) throws IOException {
      out.write(in.readAllBytes().length + 48);
    }
  }

  private String invoke(String handler, String event, String requestId) throws IOException {
    Map<String, String> env = new HashMap<>(Fixtures.lambdaEnv());
    env.put(WardenHandler.HANDLER_VARIABLE, handler);
    WardenHandler wrapper = new WardenHandler(env, telemetry);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    wrapper.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        out,
        new TestContext(requestId));
    return out.toString(StandardCharsets.UTF_8);
  }

  private SpanData lastSpan() {
    telemetry.flush(); // spans of invocations without alerts wait for their batch
    List<SpanData> spans = exporter.getFinishedSpanItems();
    return spans.get(spans.size() - 1);
  }

  @Test
  void streamHandlerGetsTheWholeEventAndTheSpanIsExported() throws IOException {
    String out = invoke(EchoStreamHandler.class.getName(), EventSamples.SQS, "req-s");
    assertEquals("echo:req-s:" + EventSamples.SQS, out);
    SpanData span = lastSpan();
    assertEquals("orders-queue process", span.getName());
    assertEquals("req-s", span.getAttributes().get(AttributeKey.stringKey("faas.invocation_id")));
  }

  @Test
  void requestHandlerGetsTheEventAsAMap() throws IOException {
    assertEquals(
        "\"records=2\"",
        invoke(MapHandler.class.getName() + "::handleRequest", EventSamples.SQS, "r"));
    assertEquals(
        "aws_sqs", lastSpan().getAttributes().get(AttributeKey.stringKey("messaging.system")));
  }

  @Test
  void pojoHandlersInEveryForm() throws IOException {
    String pojo = PojoHandler.class.getName();
    assertEquals(
        "{\"action\":\"ship\",\"id\":\"r1\"}".length(),
        invoke(pojo + "::handle", EventSamples.DIRECT, "r1").length());
    assertTrue(invoke(pojo + "::handle", EventSamples.DIRECT, "r1").contains("\"id\":\"r1\""));
    assertEquals("\"HELLO\"", invoke(pojo + "::shout", "\"hello\"", "r2"));
    assertEquals("", invoke(pojo + "::ping", "{}", "r3"));
    assertEquals("2", invoke(pojo + "::streams", "{}", "r4"));
    telemetry.flush();
    assertEquals(5, exporter.getFinishedSpanItems().size());
  }

  @Test
  void aHandlerErrorPropagatesUnchangedAndMarksTheSpan() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> invoke(PojoHandler.class.getName() + "::fail", EventSamples.DIRECT, "r"));
    assertEquals("checked failure", e.getMessage());
    assertEquals(StatusCode.ERROR, lastSpan().getStatus().getStatusCode());
  }

  @Test
  void aMissingOrWrongHandlerIsAClearInitError() {
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> invoke("no.such.Handler", "{}", "r"));
    assertTrue(missing.getMessage().startsWith("WARDEN_HANDLER=no.such.Handler"));
    assertThrows(
        IllegalArgumentException.class, () -> invoke(PojoHandler.class.getName(), "{}", "r"));
  }
}
