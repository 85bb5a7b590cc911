package dev.warden.benchmarks.coldstart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OtlpCountingReceiverTest {

  @Test
  void countsTraceExportsAndWhoseScopeTheyCarry() throws Exception {
    try (OtlpCountingReceiver receiver = new OtlpCountingReceiver()) {
      HttpClient client = HttpClient.newHttpClient();
      byte[] warden = withScope("dev.warden", "io.opentelemetry.aws-lambda-core-1.0".length());
      // The other agent's span names the handler's class, which starts with Warden's scope.
      byte[] otel =
          concat(
              OtlpCountingReceiver.scopeNameField("io.opentelemetry.aws-lambda-core-1.0"),
              OtlpCountingReceiver.scopeNameField("dev.warden.samples.benign.QuoteApiHandler"));

      assertEquals(200, post(client, receiver, "/v1/traces", warden));
      assertEquals(200, post(client, receiver, "/v1/traces", otel));
      assertEquals(200, post(client, receiver, "/v1/metrics", new byte[] {1}));

      assertEquals(new OtlpCountingReceiver.Counts(2, 1, 1, 1), receiver.takeCounts());
      assertEquals(new OtlpCountingReceiver.Counts(0, 0, 0, 0), receiver.takeCounts());
    }
  }

  @Test
  void aScopeNameIsEncodedAsProtobufField1() {
    assertArrayEquals(
        new byte[] {0x0a, 3, 'a', 'b', 'c'}, OtlpCountingReceiver.scopeNameField("abc"));
  }

  private static byte[] withScope(String scope, int padding) {
    return concat(new byte[padding], OtlpCountingReceiver.scopeNameField(scope));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static int post(
      HttpClient client, OtlpCountingReceiver receiver, String path, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(receiver.endpoint() + path))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response =
        client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return response.statusCode();
  }
}
