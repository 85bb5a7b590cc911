package dev.warden.it.workload;

/** Prints {@code PROPERTY <name>=<value>} for each name given: what function code would see. */
public final class PrintsProperty {
  private PrintsProperty() {}

  public static void main(String[] names) {
    for (String name : names) {
      System.out.println("PROPERTY " + name + "=" + System.getProperty(name));
    }
  }
}
