package dev.warden.handler;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Random span and trace ids that stay unique across SnapStart copies: every id is {@code
 * ThreadLocalRandom} output mixed (through a bijective 64-bit finaliser) with a salt that {@link
 * #reseed()} draws from {@link SecureRandom} after each restore. ThreadLocalRandom alone would
 * replay the same sequence in every copy restored from one snapshot.
 *
 * <p>Trace ids start with the epoch second, as X-Ray requires of the traces it accepts (the same
 * layout as the X-Ray id generator); the other 96 bits are random.
 */
final class ReseedableIdGenerator implements IdGenerator {
  private final LongSupplier random;
  private volatile long salt;

  ReseedableIdGenerator() {
    // cheap at cold start; SecureRandom is used only after a restore
    this(
        () -> ThreadLocalRandom.current().nextLong(),
        mix(System.nanoTime() ^ ThreadLocalRandom.current().nextLong()));
  }

  /** For tests: a given random source and salt, as two copies of one snapshot would have. */
  ReseedableIdGenerator(LongSupplier random, long salt) {
    this.random = random;
    this.salt = salt;
  }

  /** Draws a fresh salt: call after a SnapStart restore. */
  void reseed() {
    byte[] seed = new byte[8];
    new SecureRandom().nextBytes(seed);
    long s = 0;
    for (byte b : seed) {
      s = (s << 8) | (b & 0xff);
    }
    salt = mix(s ^ System.nanoTime() ^ salt);
  }

  @Override
  public String generateSpanId() {
    long id;
    do {
      id = next();
    } while (id == 0);
    return SpanId.fromLong(id);
  }

  @Override
  public String generateTraceId() {
    long epochSeconds = System.currentTimeMillis() / 1000;
    long high = (epochSeconds << 32) | (next() & 0xffffffffL);
    return TraceId.fromLongs(high, next());
  }

  private long next() {
    return mix(random.getAsLong() ^ salt);
  }

  /** The SplitMix64 / MurmurHash3 finaliser: a bijection, so different salts give different ids. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
