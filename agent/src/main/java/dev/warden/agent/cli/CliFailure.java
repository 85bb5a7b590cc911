package dev.warden.agent.cli;

/**
 * A command that was well formed but cannot do its work (an unreadable event file, an event that is
 * not JSON, no runtime interface client): exit status 1, with a message that says what to do.
 */
final class CliFailure extends Exception {
  private static final long serialVersionUID = 1L;

  CliFailure(String message) {
    super(message);
  }
}
