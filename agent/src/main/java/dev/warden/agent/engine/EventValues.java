package dev.warden.agent.engine;

import dev.warden.handler.event.MiniJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The string values of the current invocation's event that could change a sink's structure if they
 * reach it, each with its JSON pointer. Bounded ({@link #MAX_VALUES} values of at most {@link
 * #MAX_VALUE_CHARS} characters, so a sink is compared with at most a few hundred short strings) and
 * pre-sorted by the damage they could do, so that a sink only looks at the values that matter to it
 * and an event without such values costs a sink nothing.
 *
 * <p>A raw event given to {@link #deferred} is scanned only when a sink first needs its values, and
 * a connection, name lookup or file whose target the raw text cannot hold needs none: most
 * invocations never scan their event.
 */
public final class EventValues {
  static final int MAX_VALUES = 256;
  static final int MAX_VALUE_CHARS = 2048;

  /**
   * Largest raw event whose values are read (bytes): Lambda allows 6 MB, the scan must stay
   * bounded, and only its first {@link #MAX_VALUES} values would be kept anyway.
   */
  static final int MAX_SCANNED_EVENT = 256 * 1024;

  /**
   * Pre-checks of a deferred event's raw text (each a pass over it) after which it is scanned: then
   * the sinks that follow compare their targets with the few kept values instead, and what a busy
   * invocation's pre-checks cost stays within a few scans.
   */
  static final int PRE_CHECKS_BEFORE_SCAN = 8;

  private static final int MAX_DEPTH = 32;
  private static final String SHELL_SYNTAX = ";&|`$()<>\n\r\t *?{}[]'\"\\";

  /** A value that could reach a sink, and where in the event it came from. */
  public static final class Value {
    private final Step where;
    private final String text;

    Value(Step where, String text) {
      this.where = where;
      this.text = text;
    }

    public String text() {
      return text;
    }

    /**
     * Its JSON pointer (RFC 6901), built only when asked: for the rare value that reached a sink.
     */
    public String pointer() {
      if (where == null) {
        return "/";
      }
      StringBuilder pointer = new StringBuilder();
      where.appendTo(pointer);
      return pointer.toString();
    }
  }

  /**
   * One step from the event's root down to a value: a key or a list index. A key read by {@link
   * Scan} is kept as where it starts in the event's text, and read from there only if the pointer
   * is built.
   */
  private record Step(Step parent, Object key) {
    void appendTo(StringBuilder pointer) {
      if (parent != null) {
        parent.appendTo(pointer);
      }
      Object name = key instanceof KeyAt at ? at.read() : key;
      pointer.append('/').append(name instanceof String text ? escape(text) : name);
    }
  }

  /** A member name, by the byte offset of its opening quote in the event. */
  private record KeyAt(byte[] json, int quote) {
    String read() {
      return MiniJson.reader(json).at(quote).readString();
    }
  }

  /** The values kept, by the sinks they could steer. */
  private record Kept(List<Value> shell, List<Value> path, List<Value> host) {
    static final Kept NONE = new Kept(List.of(), List.of(), List.of());

    static Kept of(Walk walk) {
      if (walk.shell.isEmpty() && walk.path.isEmpty() && walk.host.isEmpty()) {
        return NONE;
      }
      return new Kept(List.copyOf(walk.shell), List.copyOf(walk.path), List.copyOf(walk.host));
    }
  }

  public static final EventValues NONE = new EventValues(null, Kept.NONE);

  /** The raw event a deferred scan reads, or null. */
  private final byte[] raw;

  /** What the scan kept; null until a sink first needs it. */
  private volatile Kept kept;

  /** Whether {@link #raw} has a backslash (an escape): 0 not yet known, 1 no, 2 yes. */
  private int escapes;

  /** Pre-checks made so far (a count that may miss a racing thread's: it only bounds work). */
  private int preChecks;

  private EventValues(byte[] raw, Kept kept) {
    this.raw = raw;
    this.kept = kept;
  }

  /** From a parsed JSON event (maps, lists, strings) or a deserialised event of those types. */
  public static EventValues of(Object event) {
    Walk walk = new Walk();
    walk.visit(event, null, 0);
    Kept kept = Kept.of(walk);
    return kept == Kept.NONE ? NONE : new EventValues(null, kept);
  }

  /**
   * The values of a raw JSON event, read straight from its text now: what {@link #of} gives for the
   * parsed event, without building the event's maps and lists or a step per member. Returns {@link
   * #NONE} when the bytes are not one JSON document.
   */
  public static EventValues ofJson(byte[] utf8) {
    Kept kept = scan(utf8);
    return kept == Kept.NONE ? NONE : new EventValues(null, kept);
  }

  /**
   * The values of a raw JSON event, as {@link #ofJson} reads them, but read only when a sink first
   * needs them; none for an event over {@link #MAX_SCANNED_EVENT} bytes. The bytes must not change
   * afterwards.
   */
  public static EventValues deferred(byte[] utf8) {
    return utf8 == null || utf8.length == 0 || utf8.length > MAX_SCANNED_EVENT
        ? NONE
        : new EventValues(utf8, null);
  }

  private static Kept scan(byte[] utf8) {
    if (utf8 == null || utf8.length == 0) {
      return Kept.NONE;
    }
    Scan scan = new Scan(utf8);
    try {
      scan.document();
    } catch (RuntimeException | StackOverflowError notJson) {
      return Kept.NONE;
    }
    return Kept.of(scan.walk);
  }

  /** The values, scanned now if this is the first need (by whichever thread; the result is one). */
  private Kept kept() {
    Kept values = kept;
    if (values == null) {
      values = scan(raw);
      kept = values;
    }
    return values;
  }

  /**
   * One pass over a JSON text with {@code MiniJson}'s token reader (so it reads exactly the
   * documents {@code MiniJson} parses), keeping string values as {@link Walk} does for the parsed
   * event. The path to the current value is a stack of frames; a frame's {@link Step} is made only
   * when a value under it is kept.
   */
  private static final class Scan {
    final Walk walk = new Walk();
    private final byte[] json;
    private final MiniJson in;
    // the open containers: the key's quote position (objects) or the index (arrays), and the step
    private final int[] keyOrIndex = new int[MAX_DEPTH + 2];
    private final boolean[] inObject = new boolean[MAX_DEPTH + 2];
    private final Step[] steps = new Step[MAX_DEPTH + 2];

    Scan(byte[] json) {
      this.json = json;
      this.in = MiniJson.reader(json);
    }

    void document() {
      in.skipWhitespace();
      value(0);
      in.skipWhitespace();
      if (!in.atEnd() && walk.strings < MAX_VALUES) {
        throw in.error("trailing characters");
      }
    }

    /** Reads the value at the reader's position, at {@code depth} (the root is 0). */
    private void value(int depth) {
      if (depth > MiniJson.MAX_DEPTH) {
        throw in.error("nesting deeper than " + MiniJson.MAX_DEPTH);
      }
      char c = in.peek();
      switch (c) {
        case '{' -> container(depth, true);
        case '[' -> container(depth, false);
        case '"' -> {
          String text = in.readString();
          if (depth <= MAX_DEPTH && walk.strings < MAX_VALUES && text.length() >= 2) {
            walk.strings++;
            String kept =
                text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) : text;
            int shapes = shapes(kept);
            if (shapes != 0) {
              walk.add(kept, stepTo(depth), shapes);
            }
          }
        }
        case 't' -> in.expectWord("true");
        case 'f' -> in.expectWord("false");
        case 'n' -> in.expectWord("null");
        default -> {
          if (c != '-' && (c < '0' || c > '9')) {
            throw in.error("unexpected character '" + c + "'");
          }
          in.skipNumber();
        }
      }
    }

    private void container(int depth, boolean object) {
      char close = object ? '}' : ']';
      in.next();
      in.skipWhitespace();
      if (in.peek() == close) {
        in.next();
        return;
      }
      int frame = depth + 1; // the frame of this container's members
      boolean tracked = frame < keyOrIndex.length;
      int index = 0;
      while (true) {
        in.skipWhitespace();
        if (object) {
          if (in.peek() != '"') {
            throw in.error("expected a member name");
          }
          int quote = in.position();
          in.skipString();
          in.skipWhitespace();
          if (in.next() != ':') {
            throw in.error("expected ':'");
          }
          in.skipWhitespace();
          if (tracked) {
            openFrame(frame, true, quote);
          }
        } else if (tracked) {
          openFrame(frame, false, index);
        }
        value(depth + 1);
        if (walk.strings >= MAX_VALUES) {
          return; // nothing more is kept: the rest need not be read
        }
        index++;
        in.skipWhitespace();
        char c = in.next();
        if (c == close) {
          return;
        }
        if (c != ',') {
          throw in.error("expected ',' or '" + close + "'");
        }
      }
    }

    private void openFrame(int frame, boolean object, int keyOrIndex) {
      this.inObject[frame] = object;
      this.keyOrIndex[frame] = keyOrIndex;
      this.steps[frame] = null;
    }

    /** The step chain down to the current value at {@code depth}, made now if need be. */
    private Step stepTo(int depth) {
      if (depth == 0) {
        return null;
      }
      Step step = steps[depth];
      if (step == null) {
        Object key = inObject[depth] ? new KeyAt(json, keyOrIndex[depth]) : keyOrIndex[depth];
        step = new Step(stepTo(depth - 1), key);
        steps[depth] = step;
      }
      return step;
    }
  }

  /**
   * One walk over an event. A value keeps the chain of steps that led to it; its JSON pointer is
   * built from them only if it ever reaches a sink.
   */
  private static final class Walk {
    final List<Value> shell = new ArrayList<>();
    final List<Value> path = new ArrayList<>();
    final List<Value> host = new ArrayList<>();
    int strings;

    void visit(Object node, Step where, int depth) {
      if (strings >= MAX_VALUES || depth > MAX_DEPTH || node == null) {
        return;
      }
      if (node instanceof CharSequence) {
        String text = node.toString();
        if (text.length() >= 2) {
          strings++;
          String kept = text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) : text;
          int shapes = shapes(kept);
          if (shapes != 0) {
            add(kept, where, shapes);
          }
        }
      } else if (node instanceof Map) {
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) node).entrySet()) {
          Object value = entry.getValue();
          if (value != null) {
            visit(value, new Step(where, String.valueOf(entry.getKey())), depth + 1);
          }
        }
      } else if (node instanceof List) {
        List<?> list = (List<?>) node;
        for (int i = 0; i < list.size(); i++) {
          Object value = list.get(i);
          if (value != null) {
            visit(value, new Step(where, i), depth + 1);
          }
        }
      }
    }

    void add(String text, Step where, int shapes) {
      Value value = new Value(where, text);
      if ((shapes & SHELL) != 0) {
        shell.add(value);
      }
      if ((shapes & PATH) != 0) {
        path.add(value);
      }
      if ((shapes & HOST) != 0) {
        host.add(value);
      }
    }
  }

  private static final int SHELL = 1;
  private static final int PATH = 2;
  private static final int HOST = 4;

  /** Which sinks {@code text} could steer: {@link #SHELL}, {@link #PATH}, {@link #HOST} bits. */
  static int shapes(String text) {
    // One pass over the characters decides most values; the finer checks run only on candidates.
    int seen = 0;
    char previous = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 128) {
        seen |= CHARACTER_CLASS[c];
        if (c == '.' && previous == '.') {
          seen |= DOUBLE_DOT;
        }
      }
      previous = c;
    }
    int shapes = 0;
    if ((seen & SHELL_CHARACTER) != 0 || text.startsWith("-")) {
      shapes |= SHELL;
    }
    if (text.startsWith("/")
        || text.startsWith("~")
        || ((seen & DOUBLE_DOT) != 0 && hasDotDotSegment(text))) {
      shapes |= PATH;
    }
    // A host or URL has a dot or a colon, and no space or slash unless it has a scheme.
    if ((seen & (DOT | COLON)) != 0
        && ((seen & SPACE_OR_SLASH) == 0 || (seen & COLON) != 0)
        && looksLikeHostOrUrl(text)) {
      shapes |= HOST;
    }
    return shapes;
  }

  private static final byte SHELL_CHARACTER = 1;
  private static final byte DOT = 2;
  private static final byte COLON = 4;
  private static final byte SPACE_OR_SLASH = 8;
  private static final int DOUBLE_DOT = 16;

  /** What {@link #shapes} notes of each ASCII character. */
  private static final byte[] CHARACTER_CLASS = new byte[128];

  static {
    for (int i = 0; i < SHELL_SYNTAX.length(); i++) {
      CHARACTER_CLASS[SHELL_SYNTAX.charAt(i)] |= SHELL_CHARACTER;
    }
    CHARACTER_CLASS['.'] |= DOT;
    CHARACTER_CLASS[':'] |= COLON;
    CHARACTER_CLASS[' '] |= SPACE_OR_SLASH;
    CHARACTER_CLASS['/'] |= SPACE_OR_SLASH;
  }

  /** Each value kept, as {@code shape text @pointer}, in order: for tests. */
  List<String> describe() {
    List<String> all = new ArrayList<>();
    Kept values = kept();
    for (Value v : values.shell()) {
      all.add("shell " + v.text() + " @" + v.pointer());
    }
    for (Value v : values.path()) {
      all.add("path " + v.text() + " @" + v.pointer());
    }
    for (Value v : values.host()) {
      all.add("host " + v.text() + " @" + v.pointer());
    }
    return all;
  }

  /** Whether a value could name a host: for tests. */
  boolean mayAffectHosts() {
    return !kept().host().isEmpty();
  }

  /** Whether the event has been scanned: for tests. */
  boolean scanned() {
    return kept != null;
  }

  /**
   * An event value that gives a command line new structure: shell syntax or whitespace inside a
   * shell's or interpreter's script, or a value that becomes an option ({@code -...}) of its own.
   * The same value as one plain argument of a program run without a shell is just data.
   */
  Value commandInjection(List<String> arguments, boolean scriptedByShell) {
    for (Value value : kept().shell()) {
      String text = value.text();
      for (int i = 0; i < arguments.size(); i++) {
        String argument = arguments.get(i);
        if (text.startsWith("-") && argument.equals(text)) {
          return value;
        }
        if (scriptedByShell
            && i > 0
            && arguments.get(i - 1).equals("-c")
            && hasShellSyntax(text)
            && argument.contains(text)) {
          return value;
        }
      }
    }
    return null;
  }

  /**
   * An event value that steers the path the code asked for: one with a {@code ..} segment anywhere
   * in it, or an absolute path the whole path starts with (the event chose the file). An
   * absolute-looking value elsewhere in the path (an API route such as {@code /docs} appended to
   * the task root) does not leave the code's directory.
   */
  Value pathInjection(String requestedPath) {
    if (kept == null && preCheck() && !rawMayHoldPathOf(requestedPath)) {
      return null;
    }
    for (Value value : kept().path()) {
      String text = value.text();
      if (hasDotDotSegment(text)) {
        if (requestedPath.contains(text)) {
          return value;
        }
      } else if (requestedPath.startsWith(text)
          && (requestedPath.length() == text.length()
              || text.endsWith("/")
              || requestedPath.charAt(text.length()) == '/')) {
        return value;
      }
    }
    return null;
  }

  /** An event value (a URL, host or host:port) that names the host the code connects to. */
  Value hostInjection(String hostName, String address) {
    if (kept == null && preCheck() && !rawMayHoldHost(hostName) && !rawMayHoldHost(address)) {
      return null;
    }
    for (Value value : kept().host()) {
      String text = value.text();
      if ((hostName != null && containsHost(text, hostName)) || containsHost(text, address)) {
        return value;
      }
    }
    return null;
  }

  // ------------------------------------------------------------- before a deferred scan
  //
  // Each check below answers false only when no value the scan would keep can match: a JSON
  // string without escapes is its raw bytes, an ASCII character is never part of another's UTF-8
  // encoding, and the scan's bounds only drop values. Anything else is "maybe", and the event is
  // scanned.

  /**
   * Whether a kept value may match {@code requestedPath} in {@link #pathInjection}: one with a
   * {@code ..} segment needs {@code ..} in the text; any other starts with {@code /} or {@code ~}
   * and is the path up to a {@code /} or the whole path, so the text holds a string that opens with
   * the path's shortest such start.
   */
  private boolean rawMayHoldPathOf(String requestedPath) {
    if (rawHasEscapes() || rawMayHold("..", 2, false)) {
      return true;
    }
    int length = requestedPath.length();
    if (length < 2 || (requestedPath.charAt(0) != '/' && requestedPath.charAt(0) != '~')) {
      return false;
    }
    int shortest = 2;
    while (shortest < length
        && requestedPath.charAt(shortest - 1) != '/'
        && requestedPath.charAt(shortest) != '/') {
      shortest++;
    }
    return rawMayHold(requestedPath, shortest, true);
  }

  /** Whether a kept value may contain {@code host}, as {@link #containsHost} needs first. */
  private boolean rawMayHoldHost(String host) {
    return host != null
        && !host.isEmpty()
        && (rawHasEscapes() || rawMayHold(host, host.length(), false));
  }

  /** Whether a sink may still pre-check the raw text rather than have it scanned. */
  private boolean preCheck() {
    return preChecks++ < PRE_CHECKS_BEFORE_SCAN;
  }

  private boolean rawHasEscapes() {
    if (escapes == 0) {
      escapes = rawMayHold("\\", 1, false) ? 2 : 1;
    }
    return escapes == 2;
  }

  /**
   * Whether the raw text may hold the first {@code length} characters of {@code text}, right after
   * a quote if {@code afterQuote}: false only if it certainly does not.
   */
  private boolean rawMayHold(String text, int length, boolean afterQuote) {
    for (int i = 0; i < length; i++) {
      if (text.charAt(i) >= 0x80) {
        return true; // not looked for: its bytes depend on the encoding
      }
    }
    byte[] utf8 = raw;
    int lead = afterQuote ? 1 : 0;
    byte first = (byte) (afterQuote ? '"' : text.charAt(0));
    int last = utf8.length - length - lead;
    search:
    for (int at = 0; at <= last; at++) {
      if (utf8[at] != first) {
        continue;
      }
      for (int i = 1 - lead; i < length; i++) {
        if (utf8[at + lead + i] != text.charAt(i)) {
          continue search;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean containsHost(String value, String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    int at = value.indexOf(host);
    if (at < 0) {
      return false;
    }
    // a whole host, not a piece of a longer name ("example.com" in "notexample.com")
    char before = at == 0 ? '/' : value.charAt(at - 1);
    int end = at + host.length();
    char after = end == value.length() ? '/' : value.charAt(end);
    return !Character.isLetterOrDigit(before)
        && before != '-'
        && before != '.'
        && !Character.isLetterOrDigit(after)
        && after != '-';
  }

  /** RFC 6901: {@code ~} is written {@code ~0} and {@code /} is written {@code ~1}. */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  static boolean hasShellSyntax(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 128 && (CHARACTER_CLASS[c] & SHELL_CHARACTER) != 0) {
        return true;
      }
    }
    return false;
  }

  static boolean hasDotDotSegment(String text) {
    int at = text.indexOf("..");
    while (at >= 0) {
      boolean startsSegment = at == 0 || text.charAt(at - 1) == '/' || text.charAt(at - 1) == '\\';
      int end = at + 2;
      boolean endsSegment =
          end == text.length() || text.charAt(end) == '/' || text.charAt(end) == '\\';
      if (startsSegment && endsSegment) {
        return true;
      }
      at = text.indexOf("..", at + 1);
    }
    return false;
  }

  /** A URL ({@code scheme://...}), {@code host:port}, IP address or dotted host name. */
  static boolean looksLikeHostOrUrl(String text) {
    if (text.contains("://")) {
      return true;
    }
    if (text.length() > 253 || text.indexOf(' ') >= 0 || text.indexOf('/') >= 0) {
      return false;
    }
    int dot = text.indexOf('.');
    int colon = text.lastIndexOf(':');
    if (dot <= 0 && colon <= 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(Character.isLetterOrDigit(c)
          || c == '.'
          || c == '-'
          || c == ':'
          || c == '['
          || c == ']')) {
        return false;
      }
    }
    // "report.pdf" is a file name, not a host: require a last label that is not an extension-like
    // word of a file, i.e. a known shape of host (an IP, a port, or two or more labels ending in
    // letters only).
    if (colon > 0 && text.indexOf(':') == colon) {
      return true; // host:port
    }
    // Labels as String.split("\\.") counts them: trailing empty ones dropped.
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '.') {
      end--;
    }
    int labels = end == 0 ? 0 : 1;
    boolean digitsAndDots = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (i < end) {
          labels++;
        }
      } else if (!Character.isDigit(c)) {
        digitsAndDots = false;
      }
    }
    if (digitsAndDots) {
      return labels == 4; // IPv4
    }
    String last = text.substring(text.lastIndexOf('.', end - 1) + 1, end);
    return labels >= 3 || (labels == 2 && KNOWN_TLDS.contains(last.toLowerCase(Locale.ROOT)));
  }

  private static final java.util.Set<String> KNOWN_TLDS =
      java.util.Set.of(
          "com",
          "net",
          "org",
          "io",
          "dev",
          "internal",
          "local",
          "aws",
          "cloud",
          "app",
          "co",
          "us",
          "eu",
          "uk",
          "de",
          "fr",
          "jp",
          "cn",
          "ru",
          "info",
          "biz",
          "xyz",
          "me",
          "tk",
          "test",
          "example",
          "invalid",
          "localhost");
}
