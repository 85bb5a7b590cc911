package dev.warden.agent.policy;

import dev.warden.agent.model.Mode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The user's allowlist policy, compiled once and then asked per operation. Each section that is
 * present is an allowlist; an absent section answers {@link Allowance#NO_SECTION}. Immutable and
 * safe to share between threads.
 *
 * <pre>
 * { "mode": "enforce",
 *   "network": { "allow": ["*.amazonaws.com:443", "api.example.com", "10.0.0.0/8"] },
 *   "file":    { "read": ["/var/task/**", "/opt/**", "/tmp/**"], "write": ["/tmp/**"] },
 *   "process": { "allow": ["/usr/bin/convert"] },
 *   "library": { "allow": ["/opt/lib/**"] } }
 * </pre>
 */
public final class Policy {
  private final Mode mode;
  private final NetworkAllowlist network;
  private final PathAllowlist fileRead;
  private final PathAllowlist fileWrite;
  private final PathAllowlist process;
  private final PathAllowlist library;

  Policy(
      Mode mode,
      NetworkAllowlist network,
      PathAllowlist fileRead,
      PathAllowlist fileWrite,
      PathAllowlist process,
      PathAllowlist library) {
    this.mode = mode;
    this.network = network;
    this.fileRead = fileRead;
    this.fileWrite = fileWrite;
    this.process = process;
    this.library = library;
  }

  /**
   * Reads and compiles a UTF-8 policy file; problems with the file itself are reported at line 0.
   */
  public static Policy load(Path file) throws PolicyException {
    String fileName = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PolicyException(
          fileName,
          0,
          0,
          "cannot read the policy file: it does not exist (check WARDEN_POLICY)",
          e);
    } catch (AccessDeniedException e) {
      throw new PolicyException(
          fileName, 0, 0, "cannot read the policy file: permission denied", e);
    } catch (IOException | SecurityException e) {
      throw new PolicyException(fileName, 0, 0, "cannot read the policy file: " + e, e);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new PolicyException(
          fileName, 0, 0, "the policy file is not valid UTF-8; save it as UTF-8", e);
    }
    return parse(fileName, text);
  }

  /** Compiles policy text; fileName is only used in error messages. */
  public static Policy parse(String fileName, String text) throws PolicyException {
    return PolicyReader.read(fileName, Json.parse(fileName, text));
  }

  /** The policy's {@code mode}, or null when it has none. */
  public Mode mode() {
    return mode;
  }

  public Allowance fileRead(String canonicalPath) {
    return fileRead == null ? Allowance.NO_SECTION : fileRead.judge(canonicalPath);
  }

  public Allowance fileWrite(String canonicalPath) {
    return fileWrite == null ? Allowance.NO_SECTION : fileWrite.judge(canonicalPath);
  }

  public Allowance process(String canonicalExecutablePath) {
    return process == null ? Allowance.NO_SECTION : process.judge(canonicalExecutablePath);
  }

  public Allowance library(String canonicalPath) {
    return library == null ? Allowance.NO_SECTION : library.judge(canonicalPath);
  }

  /**
   * A connection or datagram: allowed when the host name (if known) matches a host entry or the
   * address (if known) matches an address or CIDR entry, on the entry's port if it has one.
   */
  public Allowance network(String hostNameOrNull, InetAddress address, int port) {
    return network == null
        ? Allowance.NO_SECTION
        : network.judgeConnection(hostNameOrNull, address, port);
  }

  /** A name lookup, judged against {@code network.allow} with ports ignored. */
  public Allowance dns(String name) {
    return network == null ? Allowance.NO_SECTION : network.judgeLookup(name);
  }
}
