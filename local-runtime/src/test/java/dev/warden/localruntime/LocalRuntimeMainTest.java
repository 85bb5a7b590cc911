package dev.warden.localruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localruntime.functions.ThrowingHandler;
import dev.warden.localruntime.functions.UppercaseStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRuntimeMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return LocalRuntimeMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMissingHandlerIsABadCommandLine(@TempDir Path dir) throws Exception {
    Path event = Files.writeString(dir.resolve("e.json"), "{}");
    assertEquals(2, run("--classpath", dir.toString(), event.toString()));
    assertTrue(err().contains("error: --handler is required"), err());
  }

  @Test
  void anUnreadableEventFileIsABadCommandLine(@TempDir Path dir) {
    assertEquals(
        2,
        run(
            "--handler",
            "a.B",
            "--classpath",
            dir.toString(),
            dir.resolve("missing.json").toString()));
    assertTrue(err().contains("error: cannot read the event file"), err());
    assertTrue(err().contains("missing.json"), err());
  }

  @Test
  void badOptionsAreNamed(@TempDir Path dir) {
    assertEquals(
        2, run("--handler", "a.B", "--classpath", dir.toString(), "--timeout-seconds", "x"));
    assertTrue(err().contains("--timeout-seconds takes a positive whole number, not 'x'"), err());
    assertEquals(2, run("--env", "NOEQUALS"));
    assertTrue(err().contains("--env takes NAME=VALUE"), err());
    assertEquals(2, run("--bogus"));
    assertTrue(err().contains("unknown option --bogus"), err());
  }

  @Test
  void runsEachEventAndPrintsItsResult(@TempDir Path dir) throws Exception {
    Path first = Files.writeString(dir.resolve("first.json"), "{\"a\":\"b\"}");
    Path second = Files.writeString(dir.resolve("second.json"), "[\"x\"]");
    int status =
        run(
            "--handler",
            UppercaseStreamHandler.class.getName(),
            "--classpath",
            TestFunctions.classes().toString(),
            "--timeout-seconds",
            "20",
            first.toString(),
            second.toString());
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, printed + err());
    assertTrue(printed.contains("first.json request "), printed);
    assertTrue(printed.contains(": RESPONSE (cold start"), printed);
    assertTrue(printed.contains("\n{\"A\":\"B\"}\n"), printed);
    assertTrue(printed.contains(": RESPONSE (warm"), printed);
    assertTrue(printed.contains("\n[\"X\"]\n"), printed);
  }

  @Test
  void anErrorResultMakesTheExitStatusOne(@TempDir Path dir) throws Exception {
    Path event = Files.writeString(dir.resolve("bad.json"), "{\"action\":\"x\"}");
    int status =
        run(
            "--handler",
            ThrowingHandler.class.getName(),
            "--classpath",
            TestFunctions.classes().toString(),
            event.toString());
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, status, printed + err());
    assertTrue(printed.contains(": FUNCTION_ERROR"), printed);
    assertTrue(printed.contains("\"errorType\":\"java.lang.IllegalStateException\""), printed);
  }
}
