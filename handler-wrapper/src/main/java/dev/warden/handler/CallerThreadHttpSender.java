package dev.warden.handler;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.HttpsURLConnection;

/**
 * OTLP over HTTP with {@link HttpURLConnection}, on the thread that exports. The JDK's {@code
 * HttpClient} would connect on worker threads it creates without inheriting thread-locals, out of
 * reach of the agent's re-entrancy guard, so its own export traffic would be judged like the
 * function's; here every connect, lookup and write happens on the exporting thread, which is the
 * agent's own (or inside its guard). Synchronous, no retries: the caller's bound is the timeout.
 */
final class CallerThreadHttpSender implements HttpSender {
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final HttpSenderConfig config;

  CallerThreadHttpSender(HttpSenderConfig config) {
    this.config = config;
  }

  @Override
  public void send(
      MessageWriter message, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) config.getEndpoint().toURL().openConnection(Proxy.NO_PROXY);
      if (connection instanceof HttpsURLConnection && config.getSslContext() != null) {
        ((HttpsURLConnection) connection)
            .setSSLSocketFactory(config.getSslContext().getSocketFactory());
      }
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setConnectTimeout(millis(config.getConnectTimeout().toMillis()));
      connection.setReadTimeout(millis(config.getTimeout().toMillis()));
      connection.setRequestProperty("Content-Type", config.getContentType());
      Map<String, List<String>> headers = config.getHeadersSupplier().get();
      if (headers != null) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
          for (String value : header.getValue()) {
            connection.addRequestProperty(header.getKey(), value);
          }
        }
      }
      if (config.getCompressor() != null) {
        connection.setRequestProperty("Content-Encoding", config.getCompressor().getEncoding());
        connection.setChunkedStreamingMode(0);
      } else {
        connection.setFixedLengthStreamingMode(message.getContentLength());
      }
      try (OutputStream body = connection.getOutputStream()) {
        if (config.getCompressor() != null) {
          try (OutputStream compressed = config.getCompressor().compress(body)) {
            message.writeMessage(compressed);
          }
        } else {
          message.writeMessage(body);
        }
      }
      int status = connection.getResponseCode();
      String statusMessage = connection.getResponseMessage();
      byte[] responseBody =
          readBounded(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
      onResponse.accept(new Response(status, statusMessage, responseBody));
    } catch (IOException | RuntimeException failed) {
      onError.accept(failed);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  private static int millis(long value) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, value));
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    if (in == null) {
      return new byte[0];
    }
    try (in) {
      return in.readNBytes(MAX_RESPONSE_BYTES);
    }
  }

  private record Response(int status, String message, byte[] body) implements HttpResponse {
    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    public String getStatusMessage() {
      return message == null ? "" : message;
    }

    @Override
    public byte[] getResponseBody() {
      return body;
    }
  }

  /** What the OTLP exporter asks for its sender. */
  static final class Provider implements HttpSenderProvider {
    @Override
    public HttpSender createSender(HttpSenderConfig config) {
      return new CallerThreadHttpSender(config);
    }
  }
}
