package dev.warden.agent.rules;

import dev.warden.agent.model.Category;
import dev.warden.agent.model.Severity;
import java.util.function.Predicate;

/**
 * A built-in threat rule: one row of the {@link RuleTable}.
 *
 * @param id stable id, written as {@code warden.rule}
 * @param description one line for alerts, errors and the README's rules table
 */
public record Rule(
    String id,
    Category category,
    Severity severity,
    RuleKind kind,
    String description,
    Predicate<Observation> matches) {}
