package dev.warden.agent.policy;

/**
 * A policy file that cannot be used, with where and why: {@code <file>:<line>:<column>: <problem>}.
 * Line and column are 1-based; both are 0 when the problem is the file as a whole (unreadable, not
 * UTF-8).
 */
public final class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String fileName;
  private final int line;
  private final int column;
  private final String problem;

  public PolicyException(String fileName, int line, int column, String problem) {
    this(fileName, line, column, problem, null);
  }

  public PolicyException(String fileName, int line, int column, String problem, Throwable cause) {
    super(fileName + ":" + line + ":" + column + ": " + problem, cause);
    this.fileName = fileName;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  public String fileName() {
    return fileName;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The problem statement alone, without the position prefix. */
  public String problem() {
    return problem;
  }
}
