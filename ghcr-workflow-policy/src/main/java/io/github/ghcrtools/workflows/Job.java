package io.github.ghcrtools.workflows;

import java.util.List;
import java.util.Map;

/**
 * One entry under {@code jobs:}.
 *
 * @param id the job's key
 * @param condition its {@code if:} expression, or {@code null}
 * @param needs ids from {@code needs:}
 * @param permissions its {@code permissions:}, {@link Permissions#UNDECLARED} if absent
 * @param env job-level {@code env:}
 * @param steps steps in order (empty for a reusable-workflow call)
 */
public record Job(
    String id,
    String condition,
    List<String> needs,
    Permissions permissions,
    Map<String, String> env,
    List<Step> steps) {

  public Job {
    needs = List.copyOf(needs);
    env = Map.copyOf(env);
    steps = List.copyOf(steps);
  }
}
