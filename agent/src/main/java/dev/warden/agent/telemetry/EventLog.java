package dev.warden.agent.telemetry;

import java.util.Arrays;

/**
 * The raw events of invocations held back for their batch, back to back in one array that is
 * cleared and reused batch after batch. Hundreds of event arrays that each lived until their batch
 * was due outlived the young generation's collections, were copied at each and then promoted, and
 * their promotion brought on full collections; one long-lived array of bytes costs a collection
 * nothing.
 */
final class EventLog {
  private static final int FIRST_CAPACITY = 64 * 1024;

  private final int maxCapacity;
  private byte[] bytes = new byte[0];
  private int used;

  EventLog(long maxCapacity) {
    this.maxCapacity = (int) Math.min(Integer.MAX_VALUE - 8, maxCapacity);
  }

  /** Appends {@code event}; returns where it starts, or -1 if it would not fit. */
  int append(byte[] event) {
    long needed = (long) used + event.length;
    if (needed > bytes.length) {
      if (needed > maxCapacity) {
        return -1;
      }
      // a quarter to spare: the array stays (twice, with the spare), so it grows only as needed
      long grown = Math.max(FIRST_CAPACITY, needed + needed / 4);
      bytes = Arrays.copyOf(bytes, (int) Math.min(maxCapacity, grown));
    }
    int at = used;
    System.arraycopy(event, 0, bytes, at, event.length);
    used = (int) needed;
    return at;
  }

  /** A copy of the event appended at {@code at}. */
  byte[] copy(int at, int length) {
    return Arrays.copyOfRange(bytes, at, at + length);
  }

  /** Forgets the events; the array stays for the next batch. */
  void clear() {
    used = 0;
  }

  int capacity() {
    return bytes.length;
  }
}
