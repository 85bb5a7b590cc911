package dev.warden.it.workload;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A busy but ordinary program: loads many classes from a jar on its class path, uses ServiceLoader,
 * HttpClient to a loopback server, string and JSON-ish work on several threads. Args: classCount
 * dataFile url deniedFile. Its only violation is the last read, of deniedFile.
 */
public final class BusyProgram {
  private BusyProgram() {}

  public static void main(String[] args) throws Exception {
    int classCount = Integer.parseInt(args[0]);
    Path dataFile = Path.of(args[1]);
    String url = args[2];
    Path denied = Path.of(args[3]);

    long sum = 0;
    for (int i = 0; i < classCount; i++) {
      sum += (Integer) Class.forName("gen.C" + i).getMethod("value").invoke(null);
    }
    Workload.probe("classes-sum", sum);

    @SuppressWarnings("unchecked")
    Class<Object> plugin = (Class<Object>) Class.forName("gen.Plugin");
    int plugins = 0;
    for (Object p : ServiceLoader.load(plugin)) {
      plugins += p.toString().startsWith("plugin") ? 1 : 0;
    }
    Workload.probe("plugins", plugins);

    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String body =
        client
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Workload.probe("body", body);

    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int seed = t;
      results.add(pool.submit(() -> jsonishWork(seed, dataFile)));
    }
    int total = 0;
    for (Future<Integer> r : results) {
      total += r.get();
    }
    pool.shutdown();
    Workload.probe("work", total);

    try {
      Files.readString(denied);
      System.out.println("RESULT ok");
    } catch (Throwable t) {
      System.exit(Workload.report(t));
    }
  }

  private static int jsonishWork(int seed, Path dataFile) throws Exception {
    String data = Files.readString(dataFile);
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 200; i++) {
      json.append(String.format(Locale.ROOT, "\"k%d\":\"%s-%d\",", i, data.trim(), seed * i));
    }
    json.append("\"date\":\"")
        .append(LocalDate.of(2024, 1 + seed % 12, 1).format(DateTimeFormatter.ISO_DATE))
        .append("\"}");
    Matcher m = Pattern.compile("\"k(\\d+)\"").matcher(json);
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count + String.format(Locale.GERMANY, "%,.2f", 1234.5 * seed).length() * 0;
  }
}
