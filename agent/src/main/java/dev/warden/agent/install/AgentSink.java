package dev.warden.agent.install;

import dev.warden.agent.engine.Engine;
import dev.warden.agent.lambda.LambdaInvocations;
import dev.warden.bootstrap.Sink;
import java.net.InetAddress;

/**
 * What the dispatcher calls: operations go to the engine, the handler's entries and exits to the
 * Lambda invocation tracking (absent outside Lambda).
 */
final class AgentSink implements Sink {
  private final Engine engine;
  private final LambdaInvocations invocations;

  AgentSink(Engine engine, LambdaInvocations invocations) {
    this.engine = engine;
    this.invocations = invocations;
  }

  @Override
  public void file(int op, String path, String otherPath) {
    engine.file(op, path, otherPath);
  }

  @Override
  public void process(String[] command, String directory) {
    engine.process(command, directory);
  }

  @Override
  public void network(int op, InetAddress address, int port) {
    engine.network(op, address, port);
  }

  @Override
  public void resolve(String host) {
    engine.resolve(host);
  }

  @Override
  public void library(String path, String caller) {
    engine.library(path, caller);
  }

  @Override
  public Object handlerEntered(Object handler, Object[] arguments) {
    return invocations == null ? null : invocations.entered(handler, arguments);
  }

  @Override
  public void runtimeContextCreated(Object context) {
    if (invocations != null) {
      invocations.runtimeContextCreated(context);
    }
  }

  @Override
  public void handlerExited(Object token, Throwable thrown) {
    if (invocations != null) {
      invocations.exited(token, thrown);
    }
  }

  @Override
  public void runtimeAwaitsNextEvent() {
    if (invocations != null) {
      invocations.runtimeAwaitsNextEvent();
    }
  }

  @Override
  public void internalError(Throwable error) {
    engine.internalError(error);
  }
}
