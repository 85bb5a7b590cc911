package dev.warden.handler;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * A sender that encodes the request like {@link SocketHttpSender} and sends nothing: the rehearsal
 * of the export path during init (see {@link InvocationLifecycle#rehearse()}).
 */
final class RehearsalHttpSender implements HttpSender {
  private final HttpSenderConfig config;

  RehearsalHttpSender(HttpSenderConfig config) {
    this.config = config;
  }

  @Override
  public void send(
      MessageWriter message, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
    try {
      SocketHttpSender.writeBody(config, message, OutputStream.nullOutputStream());
      onResponse.accept(Accepted.INSTANCE);
    } catch (IOException | RuntimeException failed) {
      onError.accept(failed);
    }
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  private enum Accepted implements HttpResponse {
    INSTANCE;

    @Override
    public int getStatusCode() {
      return 200;
    }

    @Override
    public String getStatusMessage() {
      return "OK";
    }

    @Override
    public byte[] getResponseBody() {
      return new byte[0];
    }
  }

  static final class Provider implements HttpSenderProvider {
    @Override
    public HttpSender createSender(HttpSenderConfig config) {
      return new RehearsalHttpSender(config);
    }
  }
}
