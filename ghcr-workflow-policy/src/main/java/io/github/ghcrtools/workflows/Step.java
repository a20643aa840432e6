package io.github.ghcrtools.workflows;

import java.util.Map;

/**
 * One entry under a job's {@code steps:}.
 *
 * @param index 0-based position in the job
 * @param id {@code id:}, or {@code null}
 * @param name {@code name:}, or {@code null}
 * @param condition {@code if:}, or {@code null}
 * @param run {@code run:} script, or {@code null}
 * @param runLine the 1-based line of the file where the {@code run:} value starts (for a block
 *     scalar, the line of its {@code |} or {@code >}); 0 when unknown
 * @param uses {@code uses:} action reference, or {@code null}
 * @param with {@code with:} inputs as text
 * @param env step-level {@code env:}
 */
public record Step(
    int index,
    String id,
    String name,
    String condition,
    String run,
    int runLine,
    String uses,
    Map<String, String> with,
    Map<String, String> env) {

  public Step {
    with = Map.copyOf(with);
    env = Map.copyOf(env);
  }

  /** How messages name the step: its name, else {@code #n} counting from 1. */
  public String label() {
    return name != null && !name.isBlank() ? name.strip() : "#" + (index + 1);
  }

  /** Whether {@code uses:} names this action, whatever the version after {@code @}. */
  public boolean usesAction(String action) {
    if (uses == null) {
      return false;
    }
    int at = uses.indexOf('@');
    String bare = at < 0 ? uses : uses.substring(0, at);
    return bare.strip().equalsIgnoreCase(action);
  }
}
