package dev.warden.agent.install;

import dev.warden.bootstrap.Sink;
import java.net.InetAddress;
import java.util.Arrays;

final class DebugSink implements Sink {
  public void file(int op, String path, String otherPath) { System.err.println("FILE " + op + " " + path + " " + otherPath); }
  public void process(String[] command, String directory) { System.err.println("PROC " + Arrays.toString(command) + " " + directory); }
  public void network(int op, InetAddress address, int port) { System.err.println("NET " + op + " " + address + " " + port); }
  public void resolve(String host) { System.err.println("DNS " + host); }
  public void library(String path, String caller) { System.err.println("LIB " + path + " " + caller); }
  public void internalError(Throwable error) { error.printStackTrace(); }
}
