package dev.warden.it.workload;

/** A program that does nothing: its class loading marks where the agent's premain ended. */
public final class PremainOnly {
  private PremainOnly() {}

  public static void main(String[] args) {}
}
