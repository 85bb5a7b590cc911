package dev.warden.agent.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertLogTest {
  @TempDir Path directory;

  private final List<String> warnings = new ArrayList<>();

  @Test
  void fileDestinationIsCreatedAndLinesAreAppendedAsValidJson() throws IOException {
    Path file = directory.resolve("alerts.log");
    AlertLog log = AlertLog.fromSetting(file.toString(), warnings::add);

    log.write(AlertJson.toJson(TestAlerts.shellAlert("sh -c 'id'\nwhoami", "inv-1")));
    log.write(AlertJson.toJson(TestAlerts.shellAlert("sh -c \u00e9\uD83D\uDE00", "inv-1")));

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(2, lines.size());
    assertEquals("sh -c 'id'\nwhoami", StrictJson.parseObject(lines.get(0)).get("warden.target"));
    assertEquals(
        "sh -c \u00e9\uD83D\uDE00", StrictJson.parseObject(lines.get(1)).get("warden.target"));
    assertEquals(file.toString(), log.destination());
    assertEquals(List.of(), warnings);
  }

  @Test
  void anExistingFileIsAppendedToNotTruncated() throws IOException {
    Path file = directory.resolve("alerts.log");
    Files.writeString(file, "{\"earlier\":1}\n");

    AlertLog.fromSetting(file.toString(), warnings::add).write("{\"later\":2}");

    assertEquals(List.of("{\"earlier\":1}", "{\"later\":2}"), Files.readAllLines(file));
  }

  @Test
  void eachLineIsOnDiskAsSoonAsWriteReturns() throws IOException {
    Path file = directory.resolve("alerts.log");
    AlertLog log = AlertLog.fromSetting(file.toString(), warnings::add);

    log.write("{\"n\":1}");

    // Read through a separate handle while the log stays open: nothing may wait in a buffer.
    assertEquals("{\"n\":1}\n", Files.readString(file));
  }

  @Test
  void anUnopenablePathWarnsOnceNamingPathAndReasonAndFallsBackToStderr() throws IOException {
    Path notADirectory = directory.resolve("plain-file");
    Files.writeString(notADirectory, "");
    String path = notADirectory.resolve("alerts.log").toString();

    AlertLog log = AlertLog.fromSetting(path, warnings::add);

    assertEquals("stderr", log.destination());
    assertTrue(log.enabled());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains(path), warnings.get(0));
    assertTrue(warnings.get(0).contains("Not a directory"), warnings.get(0));
  }

  @Test
  void keywordsChooseStandardStreamsOrNothing() {
    assertEquals("stderr", AlertLog.fromSetting(null, warnings::add).destination());
    assertEquals("stderr", AlertLog.fromSetting("", warnings::add).destination());
    assertEquals("stderr", AlertLog.fromSetting(" STDERR ", warnings::add).destination());
    assertEquals("stdout", AlertLog.fromSetting("stdout", warnings::add).destination());
    AlertLog off = AlertLog.fromSetting("off", warnings::add);
    assertEquals("off", off.destination());
    assertFalse(off.enabled());
    off.write("{\"ignored\":true}");
    assertEquals(List.of(), warnings);
  }

  @Test
  void writeErrorsWarnOnceNeverThrowAndSendTheLineToTheFallback() {
    ByteArrayOutputStream fallback = new ByteArrayOutputStream();
    FailingStream broken = new FailingStream();
    AlertLog log = new AlertLog(broken, "/mnt/full/alerts.log", fallback, warnings::add);

    log.write("{\"n\":1}");
    log.write("{\"n\":2}");

    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("/mnt/full/alerts.log: No space left on device"));
    assertEquals("{\"n\":1}\n{\"n\":2}\n", fallback.toString(StandardCharsets.UTF_8));

    broken.failing = false;
    log.write("{\"n\":3}");
    broken.failing = true;
    log.write("{\"n\":4}");
    assertEquals(2, warnings.size(), "a new failure after recovery is reported again");
  }

  @Test
  void eachLineReachesTheStreamInOneWriteSoConcurrentLinesNeverInterleave() throws Exception {
    List<Integer> writeSizes = new ArrayList<>();
    OutputStream recording =
        new OutputStream() {
          @Override
          public void write(int b) {
            writeSizes.add(1);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            writeSizes.add(length);
          }
        };
    AlertLog log = new AlertLog(recording, "test", null, warnings::add);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 100; i++) {
                  log.write("{\"line\":\"0123456789\"}");
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertEquals(400, writeSizes.size());
    assertTrue(writeSizes.stream().allMatch(size -> size == 22), writeSizes.toString());
  }

  private static final class FailingStream extends OutputStream {
    volatile boolean failing = true;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (failing) {
        throw new IOException("No space left on device");
      }
    }
  }
}
