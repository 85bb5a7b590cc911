package dev.warden.agent.lambda;

import dev.warden.agent.alert.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Warden registered with the Lambda Extensions API as an internal extension, for no events. Lambda
 * ends a runtime that has no extension with SIGKILL alone, so nothing runs at the end of an
 * execution environment; with one registered it sends SIGTERM first and allows 500 ms, so the JVM's
 * shutdown hooks run and Warden exports the spans still waiting for their batch (and writes the
 * learned policy). The extension asks for its next event once, as Lambda requires to end the init,
 * and that request stays open, unanswered, for the environment's life.
 *
 * <p>Registration is on a thread of Warden's own started in premain, so that it overlaps the init;
 * the runtime's first request for an event waits for it (see {@link #awaitRegistration}), since
 * Lambda accepts registrations during the init only. Any failure only costs the SIGTERM: the
 * function runs as before.
 */
public final class ShutdownSignalExtension {
  static final String NAME = "warden";
  static final String REGISTER = "/2020-01-01/extension/register";
  static final String NEXT_EVENT = "/2020-01-01/extension/event/next";
  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
  private static final int REGISTER_TIMEOUT_MILLIS = 2_000;

  private final String runtimeApi;
  private final CountDownLatch attempted = new CountDownLatch(1);
  private volatile String identifier;

  private ShutdownSignalExtension(String runtimeApi) {
    this.runtimeApi = runtimeApi;
  }

  /**
   * Starts registering with the Runtime API at {@code runtimeApi} ({@code host:port}, as in {@code
   * AWS_LAMBDA_RUNTIME_API}) on a daemon thread that {@code markAgentThread} marks as Warden's.
   */
  public static ShutdownSignalExtension start(String runtimeApi, Runnable markAgentThread) {
    ShutdownSignalExtension extension = new ShutdownSignalExtension(runtimeApi);
    Thread thread = new Thread(new Registration(extension, markAgentThread), "warden-extension");
    thread.setDaemon(true);
    thread.start();
    return extension;
  }

  /** Waits until the registration succeeded or failed, at most {@code millis}. */
  public void awaitRegistration(long millis) {
    try {
      if (!attempted.await(millis, TimeUnit.MILLISECONDS)) {
        AgentLog.warn("the Lambda extension registration did not finish in " + millis + " ms");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The identifier Lambda gave the extension, or null if it is not registered (yet). */
  public String identifier() {
    return identifier;
  }

  private void run() {
    long start = System.nanoTime();
    try {
      identifier = register();
      AgentLog.info(
          "registered as a Lambda extension in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    } catch (IOException | RuntimeException failed) {
      AgentLog.info("not registered as a Lambda extension (no SIGTERM at shutdown): " + failed);
    } finally {
      attempted.countDown();
    }
    if (identifier != null) {
      awaitEventsForever();
    }
  }

  private String register() throws IOException {
    byte[] body = "{\"events\":[]}".getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = connect(REGISTER_TIMEOUT_MILLIS)) {
      send(
          socket,
          "POST "
              + REGISTER
              + " HTTP/1.1\r\nHost: "
              + runtimeApi
              + "\r\nLambda-Extension-Name: "
              + NAME
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n",
          body);
      Response response = Response.read(socket.getInputStream());
      if (response.status != 200) {
        throw new IOException("the Runtime API answered " + response.status + ": " + response.body);
      }
      if (response.identifier == null) {
        throw new IOException("the Runtime API gave no Lambda-Extension-Identifier");
      }
      return response.identifier;
    }
  }

  /** Asks for the next event; with none registered for, the answer comes only at shutdown. */
  private void awaitEventsForever() {
    try (Socket socket = connect(0)) {
      send(
          socket,
          "GET "
              + NEXT_EVENT
              + " HTTP/1.1\r\nHost: "
              + runtimeApi
              + "\r\nLambda-Extension-Identifier: "
              + identifier
              + "\r\nConnection: close\r\n\r\n",
          new byte[0]);
      Response.read(socket.getInputStream());
    } catch (IOException | RuntimeException ended) {
      // the environment is ending, or the Runtime API went away: nothing to do either way
    }
  }

  private Socket connect(int readTimeoutMillis) throws IOException {
    int colon = runtimeApi.lastIndexOf(':');
    if (colon <= 0) {
      throw new IOException("AWS_LAMBDA_RUNTIME_API is not host:port: " + runtimeApi);
    }
    String host = runtimeApi.substring(0, colon);
    int port = Integer.parseInt(runtimeApi.substring(colon + 1));
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      socket.setSoTimeout(readTimeoutMillis);
      return socket;
    } catch (IOException failed) {
      socket.close();
      throw failed;
    }
  }

  private static void send(Socket socket, String head, byte[] body) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** An HTTP/1.1 response read to its end (the request said {@code Connection: close}). */
  record Response(int status, String identifier, String body) {
    static Response read(InputStream in) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int headEnd = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.") || headEnd < 0) {
        throw new IOException("not an HTTP response: " + text);
      }
      String[] lines = text.substring(0, headEnd).split("\r\n");
      String[] statusLine = lines[0].split(" ", 3);
      int status = Integer.parseInt(statusLine[1]);
      String identifier = null;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0
            && lines[i]
                .substring(0, colon)
                .trim()
                .toLowerCase(Locale.ROOT)
                .equals("lambda-extension-identifier")) {
          identifier = lines[i].substring(colon + 1).trim();
        }
      }
      return new Response(status, identifier, text.substring(headEnd + 4));
    }
  }

  private static final class Registration implements Runnable {
    private final ShutdownSignalExtension extension;
    private final Runnable markAgentThread;

    Registration(ShutdownSignalExtension extension, Runnable markAgentThread) {
      this.extension = extension;
      this.markAgentThread = markAgentThread;
    }

    @Override
    public void run() {
      markAgentThread.run();
      extension.run();
    }
  }
}
