package dev.warden.samples.benign;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An SQS consumer: appends each order message to a journal file in {@code /tmp} and reports the
 * messages it could not store as partial batch failures ({@code ReportBatchItemFailures}).
 *
 * <p>Handler: {@code dev.warden.samples.benign.OrderQueueHandler}; event: an SQS batch.
 */
public class OrderQueueHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private static final Path JOURNAL = Path.of("/tmp/orders/journal.jsonl");

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    List<Map<String, String>> failures = new ArrayList<>();
    int stored = 0;
    try {
      Files.createDirectories(JOURNAL.getParent());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create " + JOURNAL.getParent(), e);
    }
    try (Writer journal =
        Files.newBufferedWriter(
            JOURNAL,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
      for (Object item : (List<?>) event.get("Records")) {
        Map<?, ?> record = (Map<?, ?>) item;
        String messageId = (String) record.get("messageId");
        String body = (String) record.get("body");
        if (body == null || !body.startsWith("{")) {
          failures.add(Map.of("itemIdentifier", messageId));
          continue;
        }
        journal.write(body.replace('\n', ' '));
        journal.write('\n');
        stored++;
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the journal " + JOURNAL, e);
    }
    return Map.of("stored", stored, "batchItemFailures", failures);
  }
}
