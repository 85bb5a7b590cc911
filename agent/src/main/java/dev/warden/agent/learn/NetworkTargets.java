package dev.warden.agent.learn;

import dev.warden.agent.policy.IpLiterals;
import java.util.Locale;

/** Formats learned hosts and addresses as {@code network.allow} entries the policy accepts. */
final class NetworkTargets {
  private NetworkTargets() {}

  /**
   * The host part of an entry for a name: lower case without trailing dot, or the canonical text of
   * an IP literal; null when the name could not be written as a valid entry.
   */
  static String hostForName(String name) {
    if (name == null) {
      return null;
    }
    String host = stripBracketsAndZone(name.trim());
    if (host.length() > 1 && host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty()) {
      return null;
    }
    byte[] literal = IpLiterals.parseOrNull(host);
    if (literal != null) {
      return IpLiterals.format(literal);
    }
    host = host.toLowerCase(Locale.ROOT);
    boolean allDigitsAndDots = true;
    boolean previousWasDot = true; // so a leading dot counts as an empty label
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean dot = c == '.';
      if (dot && previousWasDot) {
        return null;
      }
      boolean valid =
          dot || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!valid) {
        return null;
      }
      allDigitsAndDots &= dot || (c >= '0' && c <= '9');
      previousWasDot = dot;
    }
    if (previousWasDot) {
      return null;
    }
    // "1.2.3" is neither a valid IPv4 address nor a name the policy would accept.
    return allDigitsAndDots ? null : host;
  }

  /** The canonical text of an IP literal (IPv6 without brackets), or null if it is not one. */
  static String hostForAddress(String addressLiteral) {
    if (addressLiteral == null) {
      return null;
    }
    byte[] bytes = IpLiterals.parseOrNull(stripBracketsAndZone(addressLiteral.trim()));
    return bytes == null ? null : IpLiterals.format(bytes);
  }

  /** {@code host:port}, {@code [v6]:port}, or the bare host when the port is unknown. */
  static String entry(String host, int port) {
    if (port < 1 || port > 65535) {
      return host;
    }
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  private static String stripBracketsAndZone(String text) {
    String host = text;
    if (host.length() > 1 && host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int zone = host.indexOf('%');
    if (zone >= 0 && host.indexOf(':') >= 0) {
      host = host.substring(0, zone);
    }
    return host;
  }
}
