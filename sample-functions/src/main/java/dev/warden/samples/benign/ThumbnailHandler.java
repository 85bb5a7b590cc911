package dev.warden.samples.benign;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An S3-triggered thumbnailer: for each uploaded object it stages the object in {@code /tmp},
 * scales it down in Java and writes the thumbnail next to it, then cleans up. S3 itself is not
 * called (the samples make no calls outside loopback): the object's bytes are derived from its key.
 *
 * <p>Handler: {@code dev.warden.samples.benign.ThumbnailHandler}; event: an S3 notification.
 */
public class ThumbnailHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private static final int SOURCE_SIZE = 256;
  private static final int THUMBNAIL_SIZE = 32;

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    List<String> written = new ArrayList<>();
    for (Object record : (List<?>) event.get("Records")) {
      Map<?, ?> s3 = (Map<?, ?>) ((Map<?, ?>) record).get("s3");
      String bucket = (String) ((Map<?, ?>) s3.get("bucket")).get("name");
      // S3 delivers keys URL-encoded ("my+photo.jpg").
      String key =
          URLDecoder.decode(
              (String) ((Map<?, ?>) s3.get("object")).get("key"), StandardCharsets.UTF_8);
      try {
        written.add(thumbnail(bucket, key));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot make a thumbnail of s3://" + bucket + "/" + key, e);
      }
    }
    return Map.of("thumbnails", written);
  }

  private static String thumbnail(String bucket, String key) throws IOException {
    Path input = Files.createTempFile("thumbnail-input-", ".img");
    Path output = Files.createTempFile("thumbnail-output-", ".pgm");
    try {
      Files.write(input, download(bucket, key));
      byte[] scaled = scale(Files.readAllBytes(input));
      String header = "P5\n" + THUMBNAIL_SIZE + " " + THUMBNAIL_SIZE + "\n255\n";
      Files.write(output, header.getBytes(StandardCharsets.US_ASCII));
      Files.write(output, scaled, java.nio.file.StandardOpenOption.APPEND);
      // A real thumbnailer uploads the thumbnail to the output bucket here.
      return "s3://" + bucket + "-thumbnails/" + key + ".pgm (" + Files.size(output) + " bytes)";
    } finally {
      Files.deleteIfExists(input);
      Files.deleteIfExists(output);
    }
  }

  /** Stands in for {@code s3.getObject}: a grey-scale image whose pixels depend on the key. */
  private static byte[] download(String bucket, String key) {
    byte[] pixels = new byte[SOURCE_SIZE * SOURCE_SIZE];
    int seed = (bucket + "/" + key).hashCode();
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) ((i % SOURCE_SIZE) ^ (i / SOURCE_SIZE) ^ seed);
    }
    return pixels;
  }

  /** Box filter: each thumbnail pixel is the mean of the source block it covers. */
  private static byte[] scale(byte[] source) {
    int block = SOURCE_SIZE / THUMBNAIL_SIZE;
    byte[] scaled = new byte[THUMBNAIL_SIZE * THUMBNAIL_SIZE];
    for (int y = 0; y < THUMBNAIL_SIZE; y++) {
      for (int x = 0; x < THUMBNAIL_SIZE; x++) {
        int sum = 0;
        for (int dy = 0; dy < block; dy++) {
          for (int dx = 0; dx < block; dx++) {
            sum += source[(y * block + dy) * SOURCE_SIZE + x * block + dx] & 0xff;
          }
        }
        scaled[y * THUMBNAIL_SIZE + x] = (byte) (sum / (block * block));
      }
    }
    return scaled;
  }
}
