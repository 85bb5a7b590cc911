package dev.warden.handler;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * The {@code org.crac} resource Lambda's SnapStart runtime calls around a snapshot. Lambda runs
 * {@code beforeCheckpoint} once after init, and {@code afterRestore} in every copy restored from
 * the snapshot.
 */
final class SnapStartHooks implements Resource {
  /** The CRaC API that the AWS Lambda runtime interface client itself drives around a snapshot. */
  static final String RUNTIME_CLIENT_CRAC = "com.amazonaws.services.lambda.crac.";

  private final WardenTelemetry telemetry;

  /** Strongly held: a context may keep its resources only weakly. */
  private Object runtimeClientResource;

  SnapStartHooks(WardenTelemetry telemetry) {
    this.telemetry = telemetry;
  }

  /**
   * Registers with {@code org.crac} (which reaches a CRaC-capable JDK) and with the runtime
   * client's own context, which is what Lambda's Java runtime calls before the snapshot and after
   * each restore. The latter lives in the application class loader, which this code (inside the
   * agent's own loader) cannot link against, so it is reached by reflection.
   */
  void register() {
    try {
      Core.getGlobalContext().register(this);
    } catch (RuntimeException | LinkageError e) {
      telemetry.warnings().accept("SnapStart hooks not registered with org.crac: " + e);
    }
    try {
      ClassLoader application = ClassLoader.getSystemClassLoader();
      Class<?> core = Class.forName(RUNTIME_CLIENT_CRAC + "Core", true, application);
      Class<?> resource = Class.forName(RUNTIME_CLIENT_CRAC + "Resource", true, application);
      Object context = core.getMethod("getGlobalContext").invoke(null);
      runtimeClientResource =
          java.lang.reflect.Proxy.newProxyInstance(
              resource.getClassLoader(),
              new Class<?>[] {resource},
              (proxy, method, arguments) -> {
                switch (method.getName()) {
                  case "beforeCheckpoint":
                    beforeCheckpoint(null);
                    return null;
                  case "afterRestore":
                    afterRestore(null);
                    return null;
                  case "hashCode":
                    return System.identityHashCode(proxy);
                  case "equals":
                    return proxy == arguments[0];
                  case "toString":
                    return "Warden SnapStart hooks";
                  default:
                    return null;
                }
              });
      Class.forName(RUNTIME_CLIENT_CRAC + "Context", true, application)
          .getMethod("register", resource)
          .invoke(context, runtimeClientResource);
    } catch (ClassNotFoundException notInLambda) {
      // No runtime interface client here (a plain JVM or a test): org.crac is all there is.
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      telemetry.warnings().accept("SnapStart hooks not registered with the runtime client: " + e);
    }
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    try {
      telemetry.beforeCheckpoint();
      telemetry.events().accept("SnapStart checkpoint: spans flushed, exporter closed");
    } catch (RuntimeException e) {
      // a failing hook would abort the snapshot and so the deployment
      telemetry.warnings().accept("before-checkpoint hook failed: " + e);
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    try {
      telemetry.afterRestore();
      telemetry
          .events()
          .accept("SnapStart restore: ids reseeded, exporter rebuilt, resource re-read");
    } catch (RuntimeException e) {
      telemetry.warnings().accept("after-restore hook failed: " + e);
    }
  }
}
