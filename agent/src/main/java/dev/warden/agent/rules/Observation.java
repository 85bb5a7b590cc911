package dev.warden.agent.rules;

import dev.warden.agent.model.Operation;
import java.net.InetAddress;
import java.util.List;

/**
 * One intercepted operation after canonicalisation: what rules and policy judge. Built only when a
 * decision is not cached.
 */
public final class Observation {
  private final Operation operation;
  private final String requested;
  private final String target;
  private final String path;
  private final List<String> arguments;
  private final String hostName;
  private final InetAddress address;
  private final int port;
  private final boolean inWritableDirectory;

  private Observation(
      Operation operation,
      String requested,
      String target,
      String path,
      List<String> arguments,
      String hostName,
      InetAddress address,
      int port,
      boolean inWritableDirectory) {
    this.operation = operation;
    this.requested = requested;
    this.target = target;
    this.path = path;
    this.arguments = arguments;
    this.hostName = hostName;
    this.address = address;
    this.port = port;
    this.inWritableDirectory = inWritableDirectory;
  }

  /** A file operation on {@code canonicalPath}, asked for as {@code requested}. */
  public static Observation file(Operation operation, String requested, String canonicalPath) {
    return new Observation(
        operation, requested, canonicalPath, canonicalPath, List.of(), null, null, -1, false);
  }

  /**
   * A process start.
   *
   * @param executable the canonical path of the program (after PATH search), or the name given when
   *     it cannot be found
   * @param arguments the arguments after the program
   */
  public static Observation process(
      String requestedCommandLine, String commandLine, String executable, List<String> arguments) {
    return new Observation(
        Operation.EXEC,
        requestedCommandLine,
        commandLine,
        executable,
        arguments,
        null,
        null,
        -1,
        false);
  }

  /** A connect, send or bind; the target is the address, the request names the host if given. */
  public static Observation network(
      Operation operation, String hostName, InetAddress address, int port) {
    String addressPort = hostPort(address.getHostAddress(), port);
    String requested = hostName == null ? addressPort : hostPort(hostName, port);
    return new Observation(
        operation, requested, addressPort, null, List.of(), hostName, address, port, false);
  }

  /** A lookup; what alerts show of an exfiltration-shaped name is masked, rules see it whole. */
  public static Observation dns(String name) {
    String shown = ThreatSignals.maskEncodedLabels(name);
    return new Observation(Operation.RESOLVE, shown, shown, null, List.of(), name, null, -1, false);
  }

  public static Observation library(
      String requested, String canonicalPath, boolean inWritableDirectory) {
    return new Observation(
        Operation.LOAD,
        requested,
        canonicalPath,
        canonicalPath,
        List.of(),
        null,
        null,
        -1,
        inWritableDirectory);
  }

  static String hostPort(String host, int port) {
    String bracketed = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port < 0 ? bracketed : bracketed + ":" + port;
  }

  public Operation operation() {
    return operation;
  }

  /** What the code asked for: the path, command line or host name as given. */
  public String requested() {
    return requested;
  }

  /** What it resolves to: canonical path, command line with the resolved program, address:port. */
  public String target() {
    return target;
  }

  /** Canonical path of the file, program or library; null for network and DNS. */
  public String path() {
    return path;
  }

  public List<String> arguments() {
    return arguments;
  }

  /** The host name the code gave (connects, DNS), or null when it gave an address. */
  public String hostName() {
    return hostName;
  }

  public InetAddress address() {
    return address;
  }

  public int port() {
    return port;
  }

  public boolean inWritableDirectory() {
    return inWritableDirectory;
  }
}
