package dev.warden.it.workload;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a well-behaved function does: reads its config, writes temp files with random names, makes a
 * loopback connection, starts /bin/true and resolves a name. Args: dataDir scratchDir port
 * [extraReadPath]. The optional last read is the one operation outside what it normally does.
 */
public final class BenignFunction {
  private BenignFunction() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path scratch = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    try {
      String config = Files.readString(data.resolve("config.json"));
      for (int i = 0; i < 3; i++) {
        Path temp = Files.createTempFile(scratch, "work-", ".tmp");
        Files.writeString(temp, config + i);
        Files.readString(temp);
        Files.delete(temp);
      }
      String address = InetAddress.getByName("api.test.internal").getHostAddress();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), 5000);
        try (OutputStream out = socket.getOutputStream()) {
          out.write("benign\n".getBytes(StandardCharsets.UTF_8));
        }
      }
      Process process = new ProcessBuilder("/bin/true").start();
      try (InputStream ignored = process.getInputStream()) {
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new IllegalStateException("/bin/true failed");
        }
      }
      if (args.length > 3) {
        Files.readString(Path.of(args[3]));
      }
      System.out.println("RESULT ok");
    } catch (Throwable t) {
      System.exit(Workload.report(t));
    }
  }
}
