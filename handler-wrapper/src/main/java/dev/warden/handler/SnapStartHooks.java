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
  private final WardenTelemetry telemetry;

  SnapStartHooks(WardenTelemetry telemetry) {
    this.telemetry = telemetry;
  }

  void register() {
    try {
      Core.getGlobalContext().register(this);
    } catch (RuntimeException | LinkageError e) {
      telemetry.warnings().accept("SnapStart hooks not registered: " + e);
    }
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    try {
      telemetry.beforeCheckpoint();
    } catch (RuntimeException e) {
      // a failing hook would abort the snapshot and so the deployment
      telemetry.warnings().accept("before-checkpoint hook failed: " + e);
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    try {
      telemetry.afterRestore();
    } catch (RuntimeException e) {
      telemetry.warnings().accept("after-restore hook failed: " + e);
    }
  }
}
