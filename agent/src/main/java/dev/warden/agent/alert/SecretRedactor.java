package dev.warden.agent.alert;

import dev.warden.agent.model.Alert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from an alert's target, requested target and message before it is written or
 * exported, so that an alert about a leak (a command line carrying a token, a URL with a password)
 * does not repeat the leak in the logs.
 *
 * <p>Two passes: first the values of the environment's secret variables (Lambda puts the function's
 * AWS credentials there), replaced by {@code [REDACTED:<NAME>]}; then inline forms that announce a
 * secret whatever its value ({@code --password=x}, {@code token=x}, {@code Authorization: Bearer
 * x}, {@code scheme://user:pass@host}, PEM private keys, AWS access key ids), replaced by {@code
 * [REDACTED]}.
 */
public final class SecretRedactor {
  /** Substrings of a variable's name (upper case) that mark its value as a secret. */
  static final List<String> SECRET_NAME_MARKERS =
      List.of(
          "SECRET",
          "TOKEN",
          "PASSWORD",
          "PASSWD",
          "CREDENTIAL",
          "PRIVATE",
          "API_KEY",
          "ACCESS_KEY",
          "SESSION");

  /** Shorter values are too likely to occur by chance (and to wreck unrelated text). */
  static final int MIN_SECRET_LENGTH = 8;

  static final String REDACTED = "[REDACTED]";

  /** Longest text kept; a little below the JSON line's own cap, so that one does not cut again. */
  static final int MAX_TEXT_CHARS = AlertJson.MAX_VALUE_CHARS - 64;

  /**
   * Names that announce a secret in {@code name=value}, flag and header forms. Bare {@code auth}
   * must end there, so that {@code author=} is left alone. ({@code Authorization} headers have
   * their own pattern, which keeps the scheme word.)
   */
  private static final String SECRET_WORD =
      "(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key"
          + "|credential|signature|session|auth\\b)";

  /** The rest of a name after its secret word; bounded so matching stays linear. */
  private static final String NAME_REST = "[\\w.-]{0,64}";

  /** A value that is not already a redaction marker, up to a delimiter. */
  private static final String VALUE = "(?<secret>(?!\\[REDACTED)[^\\s&;,\"'<>]+)";

  /** Lower-case words one of which a text must contain for the name-based patterns to run. */
  private static final List<String> SECRET_WORD_TRIGGERS =
      List.of(
          "password",
          "passwd",
          "pwd",
          "secret",
          "token",
          "key",
          "credential",
          "signature",
          "session",
          "auth");

  /**
   * A pattern whose {@code secret} group is replaced by {@code [REDACTED]} (the rest is kept), and
   * the lower-case literals one of which must occur for it to match at all: a cheap test that
   * spares ordinary paths and hosts the regular expressions.
   */
  private record InlinePattern(Pattern pattern, List<String> triggers) {
    boolean mayMatch(String lowerCaseText) {
      for (String trigger : triggers) {
        if (lowerCaseText.contains(trigger)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Compiled when the first alert is redacted, not at every cold start (the engine builds the
   * redactor during premain, and most invocations raise no alert).
   */
  private static final class InlinePatterns {
    /** Every pattern has bounded repetitions before its value, so matching stays linear. */
    static final List<InlinePattern> ALL =
        List.of(
            // PEM blocks: -----BEGIN RSA PRIVATE KEY----- ... -----END RSA PRIVATE KEY-----
            new InlinePattern(
                Pattern.compile(
                    "-----BEGIN [A-Z0-9 ]{0,32}PRIVATE KEY-----(?<secret>[\\s\\S]*?)"
                        + "(?:-----END [A-Z0-9 ]{0,32}PRIVATE KEY-----|$)"),
                List.of("-----begin")),
            // Authorization: Bearer x / Basic x / a bare token, in headers or curl -H arguments.
            new InlinePattern(
                Pattern.compile(
                    "(?i)\\bauthorization[\"']?\\s*[:=]\\s*[\"']?"
                        + "(?:(?:bearer|basic|token|digest|negotiate)\\s+)?"
                        + VALUE),
                List.of("authorization")),
            // A bearer token anywhere else (token-like only, so "bearer of" in prose survives).
            new InlinePattern(
                Pattern.compile("(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9._~+/=-]{8,})"),
                List.of("bearer")),
            // --db-password x, -token x (the = forms are caught below)
            new InlinePattern(
                Pattern.compile(
                    "(?i)(?="
                        + SECRET_WORD
                        + ")(?<=(?:^|[\\s\"'])--?[\\w.-]{0,64})"
                        + SECRET_WORD
                        + NAME_REST
                        + "\\s+"
                        + VALUE),
                SECRET_WORD_TRIGGERS),
            // password=x, --password=x, X-Amz-Security-Token=x, AWS_SECRET_ACCESS_KEY=x,
            // "x-api-key": "x", x-api-key: x. A colon counts only before a blank or after a quote,
            // so that host:port targets such as auth.example.com:443 keep their port.
            new InlinePattern(
                Pattern.compile(
                    "(?i)"
                        + SECRET_WORD
                        + NAME_REST
                        + "(?:\\s*=\\s*[\"']?|[\"']\\s*:\\s*[\"']?|\\s*:\\s+[\"']?)"
                        + VALUE),
                SECRET_WORD_TRIGGERS),
            // scheme://user:password@host
            new InlinePattern(
                Pattern.compile(
                    "(?i)\\b[a-z][a-z0-9+.-]{0,31}://[^/\\s:@]{0,256}:(?<secret>[^@\\s/]{1,1024})@"),
                List.of("://")),
            // AWS access key ids, even when they are not in this environment.
            new InlinePattern(
                Pattern.compile("(?<![A-Z0-9])(?<secret>(?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])"),
                List.of("akia", "asia")));
  }

  private static final Comparator<String[]> LONGEST_FIRST = new LongestFirst();

  /** Each secret value (and its URL-encoded form) with its variable name, longest value first. */
  private final List<String[]> secrets;

  private final int longestSecret;

  /** Builds a redactor from an environment map; in production {@code System.getenv()}. */
  public SecretRedactor(Map<String, String> environment) {
    // Sorted by name so that when two variables share a value the reported name is stable.
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      if (variable.getKey() != null && variable.getValue() != null) {
        sorted.put(variable.getKey(), variable.getValue());
      }
    }
    List<String[]> found = new ArrayList<>();
    for (Map.Entry<String, String> variable : sorted.entrySet()) {
      String name = variable.getKey();
      String value = variable.getValue();
      if (value.length() < MIN_SECRET_LENGTH) {
        continue;
      }
      if (!isSecretName(name)) {
        continue;
      }
      found.add(new String[] {value, name});
      // Hex is how secrets leave through DNS names and URLs: its forms are the secret too.
      String hex = java.util.HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
      found.add(new String[] {hex, name});
      found.add(new String[] {hex.toUpperCase(java.util.Locale.ROOT), name});
      String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
      if (!encoded.equals(value)) {
        found.add(new String[] {encoded, name});
        String percentSpaces = encoded.replace("+", "%20");
        if (!percentSpaces.equals(encoded)) {
          found.add(new String[] {percentSpaces, name});
        }
      }
    }
    found.sort(LONGEST_FIRST);
    this.secrets = List.copyOf(found);
    this.longestSecret = found.isEmpty() ? 0 : found.get(0)[0].length();
  }

  /** A redactor over {@link System#getenv()}. */
  public static SecretRedactor fromEnvironment() {
    return new SecretRedactor(System.getenv());
  }

  static boolean isSecretName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (String marker : SECRET_NAME_MARKERS) {
      if (upper.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  /** The alert with secrets removed from target, requested target and message; same if none. */
  public Alert redact(Alert alert) {
    String target = redact(alert.target());
    String requestedTarget = redact(alert.requestedTarget());
    String message = redact(alert.message());
    if (target == alert.target()
        && requestedTarget == alert.requestedTarget()
        && message == alert.message()) {
      return alert;
    }
    return new Alert(
        alert.rule(),
        alert.category(),
        alert.operation(),
        alert.action(),
        alert.severity(),
        target,
        requestedTarget,
        alert.invocationId(),
        alert.source(),
        message,
        alert.thread(),
        alert.stack(),
        alert.epochMillis(),
        alert.mode());
  }

  /**
   * The text with secrets removed; the same instance when nothing was found (or null). Texts longer
   * than {@link #MAX_TEXT_CHARS} are cut (after redacting a margin beyond the cut, so that no
   * secret is split into a leaking prefix): the JSON line would cut them anyway, and the patterns
   * must not run over megabytes of attacker-made command line.
   */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    if (text.length() <= MAX_TEXT_CHARS) {
      String result = redactWhole(text);
      return result.equals(text) ? text : result;
    }
    int window = (int) Math.min(text.length(), (long) MAX_TEXT_CHARS + longestSecret + 1024);
    String head = redactWhole(text.substring(0, window));
    int cut = Math.min(MAX_TEXT_CHARS, head.length());
    if (Character.isHighSurrogate(head.charAt(cut - 1))) {
      cut--;
    }
    int dropped = head.length() - cut + (text.length() - window);
    return head.substring(0, cut) + "...[" + dropped + " more chars]";
  }

  private String redactWhole(String text) {
    String result = text;
    for (String[] secret : secrets) {
      if (result.contains(secret[0])) {
        result = result.replace(secret[0], "[REDACTED:" + secret[1] + "]");
      }
    }
    String lowerCase = result.toLowerCase(Locale.ROOT);
    for (InlinePattern inline : InlinePatterns.ALL) {
      if (!inline.mayMatch(lowerCase)) {
        continue;
      }
      Matcher matcher = inline.pattern().matcher(result);
      if (matcher.find()) {
        result = replaceSecretGroups(result, matcher);
        lowerCase = result.toLowerCase(Locale.ROOT);
      }
    }
    return result;
  }

  private static String replaceSecretGroups(String text, Matcher matcher) {
    StringBuilder out = new StringBuilder(text.length());
    int kept = 0;
    do {
      int start = matcher.start("secret");
      int end = matcher.end("secret");
      if (start < end) {
        out.append(text, kept, start).append(REDACTED);
        kept = end;
      }
    } while (matcher.find());
    out.append(text, kept, text.length());
    return out.toString();
  }

  private static final class LongestFirst implements Comparator<String[]> {
    @Override
    public int compare(String[] secret, String[] other) {
      return Integer.compare(other[0].length(), secret[0].length());
    }
  }
}
