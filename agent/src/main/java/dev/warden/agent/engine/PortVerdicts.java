package dev.warden.agent.engine;

/**
 * The cached verdicts for one network endpoint ({@code name/address}) by port: a connection that
 * was judged before is found again without allocating. Endpoints are used on one or a few ports.
 */
final class PortVerdicts {
  /** Beyond this many ports an endpoint's cache starts afresh (a port scan, say). */
  private static final int LIMIT = 64;

  private record Entries(int[] ports, Verdict[] verdicts) {}

  private volatile Entries entries = new Entries(new int[0], new Verdict[0]);

  Verdict get(int port) {
    Entries current = entries;
    int[] ports = current.ports;
    for (int i = 0; i < ports.length; i++) {
      if (ports[i] == port) {
        return current.verdicts[i];
      }
    }
    return null;
  }

  synchronized void put(int port, Verdict verdict) {
    Entries current = entries;
    int size = current.ports.length < LIMIT ? current.ports.length : 0;
    int[] ports = new int[size + 1];
    Verdict[] verdicts = new Verdict[size + 1];
    System.arraycopy(current.ports, 0, ports, 0, size);
    System.arraycopy(current.verdicts, 0, verdicts, 0, size);
    ports[size] = port;
    verdicts[size] = verdict;
    entries = new Entries(ports, verdicts);
  }
}
