package dev.warden.agent.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The registration as the Runtime API sees it, on loopback, and what a refusal leaves. */
class ShutdownSignalExtensionTest {
  private static HttpServer runtimeApi(int registerStatus, List<String> seen, CountDownLatch asked)
      throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    server.createContext(
        "/2020-01-01/extension/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            seen.add(
                exchange.getRequestMethod()
                    + " "
                    + path
                    + " name="
                    + exchange.getRequestHeaders().getFirst("Lambda-Extension-Name")
                    + " id="
                    + exchange.getRequestHeaders().getFirst("Lambda-Extension-Identifier")
                    + " body="
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (path.endsWith("/register")) {
              exchange.getResponseHeaders().set("Lambda-Extension-Identifier", "ext-1");
              exchange.sendResponseHeaders(registerStatus, -1);
            } else {
              asked.countDown();
              exchange.sendResponseHeaders(500, -1); // ends the test's open request
            }
          }
        });
    server.start();
    return server;
  }

  @Test
  void itRegistersForNoEventsThenAsksForItsNextEvent() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch asked = new CountDownLatch(1);
    HttpServer server = runtimeApi(200, seen, asked);
    try {
      ShutdownSignalExtension extension =
          ShutdownSignalExtension.start("127.0.0.1:" + server.getAddress().getPort(), () -> {});
      extension.awaitRegistration(5_000);
      assertEquals("ext-1", extension.identifier());
      assertTrue(asked.await(5, TimeUnit.SECONDS), "it asked for its next event: " + seen);
      assertEquals(
          List.of(
              "POST /2020-01-01/extension/register name=warden id=null body={\"events\":[]}",
              "GET /2020-01-01/extension/event/next name=null id=ext-1 body="),
          seen);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aRefusedRegistrationLeavesNoIdentifierAndAsksForNothing() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server = runtimeApi(403, seen, new CountDownLatch(1));
    try {
      ShutdownSignalExtension extension =
          ShutdownSignalExtension.start("127.0.0.1:" + server.getAddress().getPort(), () -> {});
      extension.awaitRegistration(5_000);
      assertNull(extension.identifier());
      Thread.sleep(200);
      assertEquals(1, seen.size(), "only the registration: " + seen);
    } finally {
      server.stop(0);
    }
  }
}
