package dev.warden.agent.engine;

import dev.warden.agent.rules.Observation;
import dev.warden.agent.rules.Rule;
import java.util.List;

/**
 * The decision about one target: which rules it breaks (none: allowed). Cached per requested target
 * until something that can change path resolution happens.
 */
final class Verdict {
  final Observation observation;
  final List<Rule> violations;
  final int generation;
  final boolean clean;

  Verdict(Observation observation, List<Rule> violations, int generation) {
    this.observation = observation;
    this.violations = violations;
    this.generation = generation;
    this.clean = violations.isEmpty();
  }
}
