package dev.warden.agent.cli;

/** A command line that cannot be run as given: exit status 2, with the usage hint. */
class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
