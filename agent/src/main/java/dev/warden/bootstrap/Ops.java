package dev.warden.bootstrap;

/**
 * Operation codes passed from advice to the {@link Dispatcher}. Plain ints so that inlined advice
 * needs no object of the agent's own.
 */
public final class Ops {
  public static final int FILE_READ = 1;
  public static final int FILE_WRITE = 2;

  /** Opened for reading and writing: judged against both lists. */
  public static final int FILE_READ_WRITE = 3;

  public static final int FILE_DELETE = 4;

  /** Rename or move: the first path leaves, the second appears. */
  public static final int FILE_RENAME = 5;

  /** Copy: the first path is read, the second written. */
  public static final int FILE_COPY = 6;

  /** Hard link: the first path is the new link, the second the existing file. */
  public static final int FILE_LINK = 7;

  /** Symbolic link: the first path is the new link, the second what it points to. */
  public static final int FILE_SYMLINK = 8;

  public static final int FILE_MKDIR = 9;

  public static final int NET_CONNECT = 20;

  /** A datagram sent to an explicit target (no prior connect needed). */
  public static final int NET_SEND = 21;

  /** A socket bound to a local address and port: a listener. */
  public static final int NET_BIND = 22;

  private Ops() {}
}
