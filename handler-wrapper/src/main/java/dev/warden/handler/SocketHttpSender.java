package dev.warden.handler;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * OTLP over HTTP/1.1 on a plain (or TLS) socket, kept alive between exports so an invocation's
 * flush costs one round trip, not a new connection. The request is encoded on the exporting thread
 * and sent on one export thread from the given factory, which the agent marks as its own: the JDK's
 * {@code HttpClient} would connect on worker threads it creates itself, out of reach of the agent's
 * re-entrancy guard, so Warden's export traffic would be judged like the function's. The caller
 * waits for the result with its own bound (see {@link WardenTelemetry}); a request is sent again
 * only when a kept connection turns out to have been closed by the collector. While the collector
 * is slow, requests queue on the export thread, at most {@value #QUEUED}; beyond that they are
 * dropped (the JSON log keeps every alert).
 */
final class SocketHttpSender implements HttpSender {
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;
  static final int QUEUED = 16;

  private final HttpSenderConfig config;
  private final URI endpoint;
  private final boolean secure;
  private final String host;
  private final int port;
  private final ThreadPoolExecutor exportThread;

  /** The kept-alive connection, or null; guarded by this. */
  private Connection connection;

  SocketHttpSender(HttpSenderConfig config, ThreadFactory threads) {
    this.config = config;
    this.endpoint = config.getEndpoint();
    this.secure = "https".equalsIgnoreCase(endpoint.getScheme());
    this.host = endpoint.getHost();
    this.port = endpoint.getPort() > 0 ? endpoint.getPort() : secure ? 443 : 80;
    this.exportThread =
        new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED), threads);
  }

  @Override
  public void send(
      MessageWriter message, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
    byte[] payload;
    try {
      ByteArrayOutputStream buffer =
          new ByteArrayOutputStream(Math.max(256, message.getContentLength()));
      writeBody(config, message, buffer);
      payload = buffer.toByteArray();
    } catch (IOException | RuntimeException failed) {
      onError.accept(failed);
      return;
    }
    try {
      exportThread.execute(
          () -> {
            HttpResponse response;
            try {
              synchronized (this) {
                response = exchange(payload);
              }
            } catch (IOException | RuntimeException failed) {
              onError.accept(failed);
              return;
            }
            onResponse.accept(response);
          });
    } catch (RejectedExecutionException full) {
      onError.accept(
          new IOException(
              QUEUED + " exports already wait for a slow collector; these spans are dropped"));
    }
  }

  /**
   * One request and its response, on the kept-alive connection if there is one. A kept connection
   * the collector has closed meanwhile (idle timeout, or the environment was frozen) fails at once
   * on write or with end of stream: then once more on a new connection. A timeout is never retried:
   * the caller's bound is one timeout.
   */
  private Response exchange(byte[] payload) throws IOException {
    Connection reused = connection;
    if (reused != null) {
      try {
        return exchangeOn(reused, payload);
      } catch (SocketTimeoutException slow) {
        throw slow;
      } catch (IOException stale) {
        // fall through to a new connection
      }
    }
    return exchangeOn(connect(), payload);
  }

  private Response exchangeOn(Connection open, byte[] payload) throws IOException {
    connection = null;
    boolean keep = false;
    try {
      open.out.write(requestHead(payload.length).getBytes(StandardCharsets.ISO_8859_1));
      open.out.write(payload);
      open.out.flush();
      Response response = readResponse(open.in);
      keep = response.reusable();
      return response;
    } finally {
      if (keep) {
        connection = open;
      } else {
        open.close();
      }
    }
  }

  private Connection connect() throws IOException {
    Socket socket = new Socket(Proxy.NO_PROXY);
    try {
      socket.setTcpNoDelay(true);
      socket.connect(
          new InetSocketAddress(host, port), millis(config.getConnectTimeout().toMillis()));
      socket.setSoTimeout(millis(config.getTimeout().toMillis()));
      Socket channel = secure ? tls(socket) : socket;
      return new Connection(
          channel,
          new BufferedOutputStream(channel.getOutputStream(), 8192),
          new BufferedInputStream(channel.getInputStream()));
    } catch (IOException | RuntimeException failed) {
      socket.close();
      throw failed;
    }
  }

  /** Writes the body as it goes on the wire (compressed when configured). */
  static void writeBody(HttpSenderConfig config, MessageWriter message, OutputStream out)
      throws IOException {
    if (config.getCompressor() != null) {
      try (OutputStream compressed = config.getCompressor().compress(out)) {
        message.writeMessage(compressed);
      }
    } else {
      message.writeMessage(out);
    }
  }

  private String requestHead(int length) {
    String path =
        endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty()
            ? "/"
            : endpoint.getRawPath();
    if (endpoint.getRawQuery() != null) {
      path += "?" + endpoint.getRawQuery();
    }
    boolean defaultPort = port == (secure ? 443 : 80);
    StringBuilder head = new StringBuilder(256);
    head.append("POST ").append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append(defaultPort ? "" : ":" + port).append("\r\n");
    head.append("Content-Type: ").append(config.getContentType()).append("\r\n");
    head.append("Content-Length: ").append(length).append("\r\n");
    if (config.getCompressor() != null) {
      head.append("Content-Encoding: ").append(config.getCompressor().getEncoding()).append("\r\n");
    }
    Map<String, List<String>> headers = config.getHeadersSupplier().get();
    if (headers != null) {
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        for (String value : header.getValue()) {
          head.append(header.getKey()).append(": ").append(value).append("\r\n");
        }
      }
    }
    head.append("\r\n");
    return head.toString();
  }

  private Socket tls(Socket plain) throws IOException {
    SSLSocketFactory factory =
        config.getSslContext() != null
            ? config.getSslContext().getSocketFactory()
            : (SSLSocketFactory) SSLSocketFactory.getDefault();
    SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, port, true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(parameters);
    tls.startHandshake();
    return tls;
  }

  /**
   * Status line, headers, and a bounded body (Content-Length, chunked, or until close). The
   * connection can carry the next request only if the whole body was read and the server keeps it.
   */
  private static Response readResponse(InputStream in) throws IOException {
    String statusLine = readLine(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    String reason = parts.length > 2 ? parts[2] : "";
    long contentLength = -1;
    boolean chunked = false;
    boolean serverKeeps = parts[0].equals("HTTP/1.1");
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Connection")) {
        serverKeeps = !value.equalsIgnoreCase("close");
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
      }
    }
    byte[] body;
    boolean complete;
    if (chunked) {
      ByteArrayOutputStream collected = new ByteArrayOutputStream();
      int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
      while (size > 0 && collected.size() < MAX_RESPONSE_BYTES) {
        collected.write(in.readNBytes(size));
        readLine(in);
        size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
      }
      complete = size == 0;
      if (complete) {
        for (String trailer = readLine(in); !trailer.isEmpty(); trailer = readLine(in)) {
          // trailers are not used
        }
      }
      body = collected.toByteArray();
    } else if (contentLength >= 0) {
      body = in.readNBytes((int) Math.min(contentLength, MAX_RESPONSE_BYTES));
      complete = body.length == contentLength;
    } else {
      body = in.readNBytes(MAX_RESPONSE_BYTES);
      complete = false;
    }
    return new Response(status, reason, body, serverKeeps && complete);
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      if (c != '\r' && line.length() < 8192) {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public CompletableResultCode shutdown() {
    exportThread.shutdown();
    Connection open;
    synchronized (this) {
      open = connection;
      connection = null;
    }
    if (open != null) {
      open.close();
    }
    return CompletableResultCode.ofSuccess();
  }

  /** A connection to the collector, kept between exports while the server keeps it. */
  private record Connection(Socket socket, OutputStream out, InputStream in) {
    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }

  private static int millis(long value) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, value));
  }

  private record Response(int status, String message, byte[] body, boolean reusable)
      implements HttpResponse {
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
    private final ThreadFactory threads;

    Provider(ThreadFactory threads) {
      this.threads = threads;
    }

    @Override
    public HttpSender createSender(HttpSenderConfig config) {
      return new SocketHttpSender(config, threads);
    }
  }
}
