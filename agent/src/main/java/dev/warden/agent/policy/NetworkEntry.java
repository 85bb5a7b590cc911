package dev.warden.agent.policy;

import java.util.Arrays;
import java.util.Locale;

/**
 * One compiled {@code network.allow} entry: a host name, a host pattern, an IP address, a CIDR
 * block or {@code *} (any host), each with an optional port.
 */
final class NetworkEntry {
  /** Port value meaning the entry has no port, so any port matches. */
  static final int ANY_PORT = 0;

  enum Kind {
    ANY_HOST,
    EXACT_NAME,
    NAME_PATTERN,
    EXACT_ADDRESS,
    CIDR
  }

  final Kind kind;
  final int port;

  /** Lower case, no trailing dot; for EXACT_NAME. */
  final String name;

  final HostPattern namePattern;

  /** 4 or 16 bytes; for EXACT_ADDRESS and CIDR (the network, host bits zero). */
  final byte[] address;

  final int prefixLength;

  private NetworkEntry(
      Kind kind, int port, String name, HostPattern namePattern, byte[] address, int prefixLength) {
    this.kind = kind;
    this.port = port;
    this.name = name;
    this.namePattern = namePattern;
    this.address = address;
    this.prefixLength = prefixLength;
  }

  static NetworkEntry parse(String entry) throws InvalidEntryException {
    if (entry.contains("://")) {
      throw new InvalidEntryException(
          "\""
              + entry
              + "\" looks like a URL: write only the host and port, like \"api.example.com:443\"");
    }
    String host;
    String portText = null;
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      if (close < 0) {
        throw new InvalidEntryException("\"" + entry + "\": missing ']' after the IPv6 address");
      }
      host = entry.substring(1, close);
      String rest = entry.substring(close + 1);
      if (rest.startsWith(":")) {
        portText = rest.substring(1);
      } else if (!rest.isEmpty()) {
        throw new InvalidEntryException(
            "\"" + entry + "\": expected ':' and a port after ']', found \"" + rest + "\"");
      }
      if (host.indexOf(':') < 0) {
        throw new InvalidEntryException(
            "\"" + entry + "\": square brackets are only for IPv6 addresses, like [fd00::1]:443");
      }
    } else {
      int firstColon = entry.indexOf(':');
      if (firstColon >= 0 && entry.indexOf(':', firstColon + 1) >= 0) {
        host = entry; // IPv6 without brackets: no port possible
      } else if (firstColon >= 0) {
        host = entry.substring(0, firstColon);
        portText = entry.substring(firstColon + 1);
      } else {
        host = entry;
      }
    }
    if (host.isEmpty()) {
      throw new InvalidEntryException("\"" + entry + "\": the host is missing");
    }
    int port = portText == null ? ANY_PORT : parsePort(portText);
    int slash = host.indexOf('/');
    if (slash >= 0) {
      return cidr(host, slash, port);
    }
    if (host.indexOf(':') >= 0) {
      return exactAddress(IpLiterals.reduceMapped(IpLiterals.parseIpv6(host)), port);
    }
    if (IpLiterals.looksLikeIpv4(host)) {
      return exactAddress(IpLiterals.parseIpv4(host), port);
    }
    return hostName(host, port);
  }

  private static int parsePort(String text) throws InvalidEntryException {
    if (text.isEmpty()) {
      throw new InvalidEntryException(
          "missing port after ':': write host:443, or leave out the ':' to allow any port");
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9' || i >= 5) {
        value = -1;
        break;
      }
      value = value * 10 + (c - '0');
    }
    if (value < 1 || value > 65535) {
      throw new InvalidEntryException(
          "invalid port \"" + text + "\": a port is a number from 1 to 65535");
    }
    return value;
  }

  private static NetworkEntry cidr(String host, int slash, int port) throws InvalidEntryException {
    String addressText = host.substring(0, slash);
    String prefixText = host.substring(slash + 1);
    boolean ipv6 = addressText.indexOf(':') >= 0;
    if (!ipv6 && !IpLiterals.looksLikeIpv4(addressText)) {
      throw new InvalidEntryException(
          "\""
              + host
              + "\": a host name has no '/' part; CIDR blocks are written with an IP address, like"
              + " 10.0.0.0/8");
    }
    byte[] network = ipv6 ? IpLiterals.parseIpv6(addressText) : IpLiterals.parseIpv4(addressText);
    int maxPrefix = network.length * 8;
    int prefix = -1;
    if (!prefixText.isEmpty() && prefixText.length() <= 3) {
      prefix = 0;
      for (int i = 0; i < prefixText.length(); i++) {
        char c = prefixText.charAt(i);
        if (c < '0' || c > '9') {
          prefix = -1;
          break;
        }
        prefix = prefix * 10 + (c - '0');
      }
    }
    if (prefix < 0 || prefix > maxPrefix) {
      throw new InvalidEntryException(
          "invalid CIDR prefix length \"/"
              + prefixText
              + "\" in \""
              + host
              + "\": an "
              + (ipv6 ? "IPv6" : "IPv4")
              + " prefix is 0 to "
              + maxPrefix);
    }
    byte[] masked = Arrays.copyOf(network, network.length);
    for (int bit = prefix; bit < maxPrefix; bit++) {
      masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    if (!Arrays.equals(masked, network)) {
      throw new InvalidEntryException(
          "\""
              + host
              + "\" has address bits set after the prefix; write \""
              + IpLiterals.format(masked)
              + "/"
              + prefix
              + "\"");
    }
    return new NetworkEntry(Kind.CIDR, port, null, null, network, prefix);
  }

  private static NetworkEntry exactAddress(byte[] address, int port) {
    return new NetworkEntry(Kind.EXACT_ADDRESS, port, null, null, address, 0);
  }

  private static NetworkEntry hostName(String host, int port) throws InvalidEntryException {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.equals("*")) {
      return new NetworkEntry(Kind.ANY_HOST, port, null, null, null, 0);
    }
    if (name.isEmpty() || name.startsWith(".") || name.contains("..")) {
      throw new InvalidEntryException(
          "\"" + host + "\" has an empty label; use \"*.example.com\" to match subdomains");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean valid =
          (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '*';
      if (!valid) {
        throw new InvalidEntryException(
            "invalid character '"
                + c
                + "' in host \""
                + host
                + "\": host names use letters, digits, '-', '_' and '.'"
                + (c == '/' ? "; write the host without a path" : ""));
      }
    }
    if (name.contains("**")) {
      throw new InvalidEntryException(
          "\"" + host + "\": '**' is not allowed; a leading '*.' matches one or more labels");
    }
    if (name.indexOf('*') < 0) {
      return new NetworkEntry(Kind.EXACT_NAME, port, name, null, null, 0);
    }
    return new NetworkEntry(Kind.NAME_PATTERN, port, null, HostPattern.of(name), null, 0);
  }

  boolean portMatches(int actualPort) {
    return port == ANY_PORT || port == actualPort;
  }

  /** For CIDR entries: whether the first prefixLength bits of the address equal the network's. */
  boolean cidrContains(byte[] candidate) {
    if (candidate.length != address.length) {
      return false;
    }
    int fullBytes = prefixLength / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (candidate[i] != address[i]) {
        return false;
      }
    }
    int remainingBits = prefixLength % 8;
    if (remainingBits == 0) {
      return true;
    }
    int mask = (0xff << (8 - remainingBits)) & 0xff;
    return (candidate[fullBytes] & mask) == (address[fullBytes] & mask);
  }
}
