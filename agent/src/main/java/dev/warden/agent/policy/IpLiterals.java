package dev.warden.agent.policy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Strict IPv4 and IPv6 literal parsing and formatting, without ever touching a name resolver
 * ({@link InetAddress#getByName} falls back to DNS for some malformed literals, and DNS lookups are
 * themselves intercepted by the agent).
 */
public final class IpLiterals {
  private IpLiterals() {}

  /**
   * The address bytes of an IPv4 ({@code 10.0.0.1}) or IPv6 ({@code fd00::1}, no brackets, no zone)
   * literal, 4 or 16 bytes; an IPv4-mapped IPv6 literal yields 4 bytes, as Java does. Null when the
   * text is not such a literal.
   */
  public static byte[] parseOrNull(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return text.indexOf(':') >= 0 ? reduceMapped(parseIpv6(text)) : parseIpv4(text);
    } catch (InvalidEntryException notALiteral) {
      return null;
    }
  }

  /**
   * The canonical text of 4 or 16 address bytes: dotted quad, or RFC 5952 IPv6 (lower case, longest
   * run of zero groups as {@code ::}), without brackets.
   */
  public static String format(byte[] address) {
    if (address.length == 4) {
      return (address[0] & 0xff)
          + "."
          + (address[1] & 0xff)
          + "."
          + (address[2] & 0xff)
          + "."
          + (address[3] & 0xff);
    }
    if (address.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // RFC 5952: "::" never stands for a single zero group
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  /** 4 or 16 bytes of a socket address, with IPv4-mapped IPv6 addresses reduced to IPv4. */
  static byte[] bytesOf(InetAddress address) {
    byte[] bytes = address.getAddress();
    return address instanceof Inet6Address ? reduceMapped(bytes) : bytes;
  }

  /** IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) to its 4 IPv4 bytes; anything else unchanged. */
  static byte[] reduceMapped(byte[] bytes) {
    if (isIpv4Mapped(bytes)) {
      return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }
    return bytes;
  }

  /** An address object for map keys; never resolves anything. */
  static InetAddress toInetAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException impossible) {
      throw new IllegalArgumentException(impossible);
    }
  }

  /** True for text made only of digits and dots, which must then be an IPv4 address. */
  static boolean looksLikeIpv4(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return !text.isEmpty();
  }

  static byte[] parseIpv4(String text) throws InvalidEntryException {
    byte[] bytes = new byte[4];
    int part = 0;
    int i = 0;
    int n = text.length();
    while (true) {
      int start = i;
      int value = 0;
      while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 4) {
        value = value * 10 + (text.charAt(i) - '0');
        i++;
      }
      if (i == start || i - start > 3) {
        throw new InvalidEntryException(
            "invalid IPv4 address \"" + text + "\": expected four numbers 0-255 separated by '.'");
      }
      if (text.charAt(start) == '0' && i - start > 1) {
        throw new InvalidEntryException(
            "invalid IPv4 address \""
                + text
                + "\": leading zeros are ambiguous (octal to some tools); remove them");
      }
      if (value > 255) {
        throw new InvalidEntryException(
            "invalid IPv4 address \"" + text + "\": " + value + " is over 255");
      }
      bytes[part++] = (byte) value;
      if (part == 4) {
        if (i != n) {
          throw new InvalidEntryException(
              "invalid IPv4 address \""
                  + text
                  + "\": expected four numbers 0-255 separated by '.'");
        }
        return bytes;
      }
      if (i >= n || text.charAt(i) != '.') {
        throw new InvalidEntryException(
            "invalid IPv4 address \"" + text + "\": expected four numbers 0-255 separated by '.'");
      }
      i++;
    }
  }

  /** Always 16 bytes; see {@link #reduceMapped}. */
  static byte[] parseIpv6(String text) throws InvalidEntryException {
    if (text.indexOf('%') >= 0) {
      throw new InvalidEntryException(
          "IPv6 zone ids ('%' and what follows) are not supported in \"" + text + "\"");
    }
    int[] groups = new int[8];
    int count = 0;
    int gapAt = -1; // group index where "::" stands for the missing zero groups
    int i = 0;
    int n = text.length();
    if (text.startsWith("::")) {
      gapAt = 0;
      i = 2;
    } else if (text.startsWith(":")) {
      throw invalidIpv6(text, "it starts with a single ':'");
    }
    while (i < n) {
      int start = i;
      while (i < n && Character.digit(text.charAt(i), 16) >= 0 && text.charAt(i) < 0x80) {
        i++;
      }
      if (i < n && text.charAt(i) == '.') {
        if (count > 6) {
          throw invalidIpv6(text, "too many groups");
        }
        byte[] v4 = parseIpv4(text.substring(start));
        groups[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
        groups[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        i = n;
        break;
      }
      if (i == start) {
        throw invalidIpv6(
            text,
            i < n && text.charAt(i) != ':'
                ? "unexpected character '" + text.charAt(i) + "'"
                : "empty group");
      }
      if (i - start > 4) {
        throw invalidIpv6(text, "a group has more than 4 hex digits");
      }
      if (count == 8) {
        throw invalidIpv6(text, "more than 8 groups");
      }
      groups[count++] = Integer.parseInt(text, start, i, 16);
      if (i == n) {
        break;
      }
      if (text.charAt(i) != ':') {
        throw invalidIpv6(text, "unexpected character '" + text.charAt(i) + "'");
      }
      i++;
      if (i < n && text.charAt(i) == ':') {
        if (gapAt >= 0) {
          throw invalidIpv6(text, "'::' may appear only once");
        }
        gapAt = count;
        i++;
      } else if (i == n) {
        throw invalidIpv6(text, "it ends with a single ':'");
      }
    }
    if (gapAt >= 0) {
      if (count == 8) {
        throw invalidIpv6(text, "'::' stands for no group here");
      }
      int missing = 8 - count;
      System.arraycopy(groups, gapAt, groups, gapAt + missing, count - gapAt);
      for (int g = gapAt; g < gapAt + missing; g++) {
        groups[g] = 0;
      }
    } else if (count != 8) {
      throw invalidIpv6(text, "expected 8 groups or '::'");
    }
    byte[] bytes = new byte[16];
    for (int g = 0; g < 8; g++) {
      bytes[2 * g] = (byte) (groups[g] >>> 8);
      bytes[2 * g + 1] = (byte) groups[g];
    }
    return bytes;
  }

  private static boolean isIpv4Mapped(byte[] bytes) {
    if (bytes.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  private static InvalidEntryException invalidIpv6(String text, String why) {
    return new InvalidEntryException("invalid IPv6 address \"" + text + "\": " + why);
  }
}
