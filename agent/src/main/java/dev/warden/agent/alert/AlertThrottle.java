package dev.warden.agent.alert;

import dev.warden.agent.model.Alert;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides, per alert, whether it is logged, counted as a repeat or suppressed by the global rate
 * limit, and produces the summary lines for what was not logged.
 *
 * <p>An alert is identified by (rule, target). Inside an invocation the first occurrence of a key
 * in each invocation is logged, so every invocation that does the thing is reported; later ones in
 * that invocation are counted. Outside an invocation the first occurrence is logged and repeats
 * within the repeat window are counted; the first one after the window is logged again. At most a
 * fixed number of alerts are logged per rate window; beyond it they are suppressed and counted.
 * Memory is bounded: at most {@code maxKeys} keys are tracked (new keys beyond it are suppressed
 * and counted), long targets are shortened in keys, and an invocation's state is dropped when the
 * next invocation starts.
 *
 * <p>Expects alerts that are already redacted: targets end up in summary lines. Thread-safe.
 */
public final class AlertThrottle {
  /** What to do with one alert. */
  public enum Decision {
    /** Write it and tell listeners. */
    LOG,
    /** A repeat of a key already logged: counted, summarised later. */
    COUNT,
    /** Over the global rate limit or the key cap: counted, summarised later. */
    SUPPRESS
  }

  public static final long DEFAULT_REPEAT_WINDOW_MILLIS = 60_000L;
  public static final int DEFAULT_MAX_LOGGED_PER_RATE_WINDOW = 200;
  public static final long DEFAULT_RATE_WINDOW_MILLIS = 10_000L;
  public static final int DEFAULT_MAX_KEYS = 4096;

  /** Targets longer than this are shortened in keys and summaries, to bound memory. */
  static final int MAX_KEY_TARGET_LENGTH = 512;

  /**
   * What makes two alerts repeats of each other; it also carries the contract's keys, so that a
   * summary line reads like the alert it counts.
   */
  private record Key(
      String rule,
      String category,
      String operation,
      String action,
      String severity,
      String target) {}

  /** Outside an invocation: when the key was last logged, and repeats since the last drain. */
  private static final class Window {
    long loggedAt;
    long repeats;
  }

  /** Repeats of a key in an invocation that is over, waiting for the next drain. */
  private record Pending(Key key, String invocationId, long repeats) {}

  private static final LongSupplier WALL_CLOCK = new WallClock();

  private final LongSupplier clock;
  private final long repeatWindowMillis;
  private final int maxLoggedPerRateWindow;
  private final long rateWindowMillis;
  private final int maxKeys;

  private final Map<Key, Window> outsideInvocation = new LinkedHashMap<>();
  private final Map<Key, long[]> currentInvocationRepeats = new LinkedHashMap<>();
  private final List<Pending> pending = new ArrayList<>();
  private String currentInvocationId;

  private boolean rateWindowStarted;
  private long rateWindowStart;
  private int loggedInRateWindow;
  private long suppressed;
  private boolean summariesDue;

  /** Defaults: 60 s repeat window, 200 logged alerts per 10 s, 4096 keys, wall clock. */
  public AlertThrottle() {
    this(
        WALL_CLOCK,
        DEFAULT_REPEAT_WINDOW_MILLIS,
        DEFAULT_MAX_LOGGED_PER_RATE_WINDOW,
        DEFAULT_RATE_WINDOW_MILLIS,
        DEFAULT_MAX_KEYS);
  }

  /**
   * @param clock epoch millis; also stamps summary lines
   * @param repeatWindowMillis how long repeats of a key outside an invocation are only counted
   * @param maxLoggedPerRateWindow how many alerts may be logged per rate window
   * @param rateWindowMillis length of the rate limit's window
   * @param maxKeys how many distinct keys are tracked at once
   */
  public AlertThrottle(
      LongSupplier clock,
      long repeatWindowMillis,
      int maxLoggedPerRateWindow,
      long rateWindowMillis,
      int maxKeys) {
    if (repeatWindowMillis < 0 || maxLoggedPerRateWindow < 0 || rateWindowMillis <= 0) {
      throw new IllegalArgumentException("negative window or limit");
    }
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1");
    }
    this.clock = clock;
    this.repeatWindowMillis = repeatWindowMillis;
    this.maxLoggedPerRateWindow = maxLoggedPerRateWindow;
    this.rateWindowMillis = rateWindowMillis;
    this.maxKeys = maxKeys;
  }

  public synchronized Decision decide(Alert alert) {
    long now = clock.getAsLong();
    Key key =
        new Key(
            alert.rule(),
            alert.category() == null ? null : alert.category().key(),
            alert.operation() == null ? null : alert.operation().key(),
            alert.action() == null ? null : alert.action().key(),
            alert.severity() == null ? null : alert.severity().key(),
            shorten(alert.target()));
    String invocationId = alert.invocationId();
    if (invocationId != null) {
      return decideInInvocation(key, invocationId, now);
    }
    return decideOutsideInvocation(key, now);
  }

  private Decision decideInInvocation(Key key, String invocationId, long now) {
    if (!invocationId.equals(currentInvocationId)) {
      retireCurrentInvocation();
      currentInvocationId = invocationId;
    }
    long[] repeats = currentInvocationRepeats.get(key);
    if (repeats != null) {
      repeats[0]++;
      return Decision.COUNT;
    }
    if (atKeyCap()) {
      suppressed++;
      return Decision.SUPPRESS;
    }
    if (!admitByRate(now)) {
      return Decision.SUPPRESS;
    }
    currentInvocationRepeats.put(key, new long[1]);
    return Decision.LOG;
  }

  private Decision decideOutsideInvocation(Key key, long now) {
    Window window = outsideInvocation.get(key);
    if (window != null && withinRepeatWindow(window, now)) {
      window.repeats++;
      return Decision.COUNT;
    }
    if (window == null && atKeyCap()) {
      suppressed++;
      return Decision.SUPPRESS;
    }
    if (!admitByRate(now)) {
      return Decision.SUPPRESS;
    }
    if (window == null) {
      window = new Window();
      outsideInvocation.put(key, window);
    } else if (window.repeats > 0) {
      // The old window's repeats belong before this line.
      summariesDue = true;
    }
    window.loggedAt = now;
    return Decision.LOG;
  }

  private boolean withinRepeatWindow(Window window, long now) {
    long elapsed = now - window.loggedAt;
    // A clock that stepped back ends the window rather than extend it.
    return elapsed >= 0 && elapsed < repeatWindowMillis;
  }

  private boolean admitByRate(long now) {
    long elapsed = now - rateWindowStart;
    if (!rateWindowStarted || elapsed < 0 || elapsed >= rateWindowMillis) {
      rateWindowStarted = true;
      rateWindowStart = now;
      loggedInRateWindow = 0;
      if (suppressed > 0) {
        summariesDue = true;
      }
    }
    if (loggedInRateWindow >= maxLoggedPerRateWindow) {
      suppressed++;
      return false;
    }
    loggedInRateWindow++;
    return true;
  }

  private boolean atKeyCap() {
    if (trackedKeys() < maxKeys) {
      return false;
    }
    // Expired windows with nothing to summarise can go; O(maxKeys), only when full.
    long now = clock.getAsLong();
    for (Iterator<Window> windows = outsideInvocation.values().iterator(); windows.hasNext(); ) {
      Window window = windows.next();
      if (window.repeats == 0 && !withinRepeatWindow(window, now)) {
        windows.remove();
      }
    }
    return trackedKeys() >= maxKeys;
  }

  private int trackedKeys() {
    return outsideInvocation.size() + currentInvocationRepeats.size();
  }

  /** Keeps the current invocation's repeat counts for the next drain and forgets its keys. */
  private void retireCurrentInvocation() {
    for (Map.Entry<Key, long[]> entry : currentInvocationRepeats.entrySet()) {
      long repeats = entry.getValue()[0];
      // Bounded like the keys: beyond it, counts of finished invocations are dropped.
      if (repeats > 0 && pending.size() < maxKeys) {
        pending.add(new Pending(entry.getKey(), currentInvocationId, repeats));
        summariesDue = true;
      }
    }
    currentInvocationRepeats.clear();
    currentInvocationId = null;
  }

  /** The invocation is over: its keys are forgotten and its repeats wait for the next drain. */
  public synchronized void invocationEnded(String invocationId) {
    if (invocationId != null && invocationId.equals(currentInvocationId)) {
      retireCurrentInvocation();
    }
  }

  /**
   * True when a window rolled over or an invocation changed with counts pending: the caller should
   * write {@link #drainSummaries()} now, before the alert it is handling.
   */
  public synchronized boolean summariesDue() {
    return summariesDue;
  }

  /**
   * One JSON line per key with repeats since the last drain, and one for suppressed alerts if any;
   * resets the counts. Keys stay known, so repeats in a running window are still only counted.
   */
  public synchronized List<String> drainSummaries() {
    summariesDue = false;
    if (pending.isEmpty()
        && suppressed == 0
        && !hasRepeats(currentInvocationRepeats)
        && outsideInvocation.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    String time = isoTime(clock.getAsLong());
    for (Pending p : pending) {
      lines.add(repeatsLine(time, p.key(), p.repeats(), p.invocationId()));
    }
    pending.clear();
    for (Map.Entry<Key, long[]> entry : currentInvocationRepeats.entrySet()) {
      long[] repeats = entry.getValue();
      if (repeats[0] > 0) {
        lines.add(repeatsLine(time, entry.getKey(), repeats[0], currentInvocationId));
        repeats[0] = 0;
      }
    }
    long now = clock.getAsLong();
    Iterator<Map.Entry<Key, Window>> windows = outsideInvocation.entrySet().iterator();
    while (windows.hasNext()) {
      Map.Entry<Key, Window> entry = windows.next();
      Window window = entry.getValue();
      if (window.repeats > 0) {
        lines.add(repeatsLine(time, entry.getKey(), window.repeats, null));
        window.repeats = 0;
      }
      if (!withinRepeatWindow(window, now)) {
        windows.remove();
      }
    }
    if (suppressed > 0) {
      StringBuilder line = new StringBuilder(96);
      line.append("{\"time\":\"").append(time).append('"');
      AlertJson.appendField(line, "warden.summary", "rate-limited");
      line.append(",\"warden.suppressed\":").append(suppressed).append('}');
      lines.add(line.toString());
      suppressed = 0;
    }
    return lines;
  }

  private static boolean hasRepeats(Map<Key, long[]> repeats) {
    for (long[] count : repeats.values()) {
      if (count[0] > 0) {
        return true;
      }
    }
    return false;
  }

  private static String repeatsLine(String time, Key key, long repeats, String invocationId) {
    StringBuilder line = new StringBuilder(160);
    line.append("{\"time\":\"").append(time).append('"');
    AlertJson.appendField(line, "warden.summary", "repeats");
    AlertJson.appendField(line, AlertJson.RULE, key.rule());
    AlertJson.appendField(line, AlertJson.CATEGORY, key.category());
    AlertJson.appendField(line, AlertJson.OPERATION, key.operation());
    AlertJson.appendField(line, AlertJson.ACTION, key.action());
    AlertJson.appendField(line, AlertJson.SEVERITY, key.severity());
    AlertJson.appendField(line, AlertJson.TARGET, key.target());
    line.append(",\"warden.repeats\":").append(repeats);
    AlertJson.appendField(line, AlertJson.INVOCATION_ID, invocationId);
    return line.append('}').toString();
  }

  private static String isoTime(long epochMillis) {
    StringBuilder time = new StringBuilder(24);
    AlertJson.appendIsoTime(time, epochMillis);
    return time.toString();
  }

  /** Long targets keep a prefix plus a hash of the whole, so distinct ones stay distinct. */
  static String shorten(String target) {
    if (target == null || target.length() <= MAX_KEY_TARGET_LENGTH) {
      return target;
    }
    int cut = MAX_KEY_TARGET_LENGTH - 16;
    if (Character.isHighSurrogate(target.charAt(cut - 1))) {
      cut--;
    }
    return target.substring(0, cut) + "...#" + Integer.toHexString(target.hashCode());
  }

  private static final class WallClock implements LongSupplier {
    @Override
    public long getAsLong() {
      return System.currentTimeMillis();
    }
  }
}
