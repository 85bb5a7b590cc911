package dev.warden.agent.alert;

import dev.warden.agent.model.Alert;

/** Receives every alert that is logged (already redacted), e.g. to export it as a span. */
@FunctionalInterface
public interface AlertListener {
  void onAlert(Alert alert);
}
