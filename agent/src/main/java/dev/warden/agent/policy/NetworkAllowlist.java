package dev.warden.agent.policy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compiled {@code network.allow} list. Exact names and addresses sit in hash maps, so the
 * common case is one lookup; wildcard, CIDR and catch-all entries are scanned after.
 */
final class NetworkAllowlist {
  /** Ports allowed for one exact name or address; {@link #any} when an entry had no port. */
  private static final class Ports {
    boolean any;
    int[] ports = new int[0];

    void add(int port) {
      if (port == NetworkEntry.ANY_PORT) {
        any = true;
      } else if (!allows(port)) {
        ports = Arrays.copyOf(ports, ports.length + 1);
        ports[ports.length - 1] = port;
      }
    }

    boolean allows(int port) {
      if (any) {
        return true;
      }
      for (int allowed : ports) {
        if (allowed == port) {
          return true;
        }
      }
      return false;
    }
  }

  private final Map<String, Ports> exactNames = new HashMap<>();
  // InetAddress equality is by address bytes only (never by host name), which is what we want.
  private final Map<InetAddress, Ports> exactAddresses = new HashMap<>();
  private final NetworkEntry[] patterns;

  private NetworkAllowlist(List<NetworkEntry> entries) {
    List<NetworkEntry> patternList = new ArrayList<>();
    for (NetworkEntry entry : entries) {
      switch (entry.kind) {
        case EXACT_NAME:
          portsOf(exactNames, entry.name).add(entry.port);
          break;
        case EXACT_ADDRESS:
          portsOf(exactAddresses, IpLiterals.toInetAddress(entry.address)).add(entry.port);
          break;
        default:
          patternList.add(entry);
      }
    }
    this.patterns = patternList.toArray(new NetworkEntry[0]);
  }

  private static <K> Ports portsOf(Map<K, Ports> byKey, K key) {
    Ports ports = byKey.get(key);
    if (ports == null) {
      ports = new Ports();
      byKey.put(key, ports);
    }
    return ports;
  }

  static NetworkAllowlist compile(List<String> entries, PathAllowlist.EntryErrorSink errors)
      throws PolicyException {
    List<NetworkEntry> compiled = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      try {
        compiled.add(NetworkEntry.parse(entries.get(i)));
      } catch (InvalidEntryException e) {
        throw errors.at(i, e.getMessage());
      }
    }
    return new NetworkAllowlist(compiled);
  }

  Allowance judgeConnection(String hostName, InetAddress address, int port) {
    String name = normaliseName(hostName);
    byte[] nameAsAddress = null;
    if (name != null && couldBeIpLiteral(name)) {
      nameAsAddress = IpLiterals.parseOrNull(name);
      if (nameAsAddress != null) {
        name = null; // an IP literal is judged as the address it is, never as a name
      }
    }
    if (name != null) {
      Ports ports = exactNames.get(name);
      if (ports != null && ports.allows(port)) {
        return Allowance.EXACT;
      }
    }
    byte[] addressBytes = null;
    if (!exactAddresses.isEmpty()) {
      if (address instanceof Inet4Address) {
        // Fast path: no byte array needed for the common IPv4 case.
        Ports ports = exactAddresses.get(address);
        if (ports != null && ports.allows(port)) {
          return Allowance.EXACT;
        }
      } else if (address != null) {
        addressBytes = IpLiterals.bytesOf(address);
        if (exactAddressAllows(addressBytes, port)) {
          return Allowance.EXACT;
        }
      }
      if (nameAsAddress != null && exactAddressAllows(nameAsAddress, port)) {
        return Allowance.EXACT;
      }
    }
    for (NetworkEntry entry : patterns) {
      if (!entry.portMatches(port)) {
        continue;
      }
      switch (entry.kind) {
        case ANY_HOST:
          return Allowance.BROAD;
        case NAME_PATTERN:
          if (name != null && entry.namePattern.matches(name)) {
            return Allowance.BROAD;
          }
          break;
        case CIDR:
          if (address != null && addressBytes == null) {
            addressBytes = IpLiterals.bytesOf(address);
          }
          if ((addressBytes != null && entry.cidrContains(addressBytes))
              || (nameAsAddress != null && entry.cidrContains(nameAsAddress))) {
            return Allowance.BROAD;
          }
          break;
        default:
          break;
      }
    }
    return Allowance.DENIED;
  }

  /** A name lookup: the name against host entries, an IP literal against address entries. */
  Allowance judgeLookup(String hostName) {
    String name = normaliseName(hostName);
    if (name == null) {
      return Allowance.DENIED;
    }
    byte[] literal = couldBeIpLiteral(name) ? IpLiterals.parseOrNull(name) : null;
    if (literal == null && exactNames.containsKey(name)) {
      return Allowance.EXACT;
    }
    if (literal != null && exactAddresses.containsKey(IpLiterals.toInetAddress(literal))) {
      return Allowance.EXACT;
    }
    for (NetworkEntry entry : patterns) {
      switch (entry.kind) {
        case ANY_HOST:
          return Allowance.BROAD;
        case NAME_PATTERN:
          if (literal == null && entry.namePattern.matches(name)) {
            return Allowance.BROAD;
          }
          break;
        case CIDR:
          if (literal != null && entry.cidrContains(literal)) {
            return Allowance.BROAD;
          }
          break;
        default:
          break;
      }
    }
    return Allowance.DENIED;
  }

  private boolean exactAddressAllows(byte[] bytes, int port) {
    Ports ports = exactAddresses.get(IpLiterals.toInetAddress(bytes));
    return ports != null && ports.allows(port);
  }

  /**
   * Lower case without a trailing dot or IPv6 brackets; null for no name. Allocates only when the
   * name needs changing (toLowerCase returns the same string when it is already lower case).
   */
  static String normaliseName(String hostName) {
    if (hostName == null || hostName.isEmpty()) {
      return null;
    }
    String name = hostName;
    if (name.length() > 1 && name.charAt(0) == '[' && name.charAt(name.length() - 1) == ']') {
      name = name.substring(1, name.length() - 1);
    }
    if (name.length() > 1 && name.charAt(name.length() - 1) == '.') {
      name = name.substring(0, name.length() - 1);
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static boolean couldBeIpLiteral(String name) {
    char first = name.charAt(0);
    return (first >= '0' && first <= '9') || name.indexOf(':') >= 0;
  }
}
