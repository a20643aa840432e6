package io.github.ghcrtools.workflows;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry under {@code jobs:}.
 *
 * @param id the job's key
 * @param condition its {@code if:} expression, or {@code null}
 * @param needs ids from {@code needs:}
 * @param runsOn the labels of {@code runs-on:} (a string, a list, or the {@code labels:} of a
 *     mapping), empty if absent
 * @param permissions its {@code permissions:}, {@link Permissions#UNDECLARED} if absent
 * @param env job-level {@code env:}
 * @param container the image of {@code container:} (a string or its {@code image:}), or {@code
 *     null}
 * @param services the image of each entry under {@code services:}, by service id in file order
 * @param uses the reusable workflow a job calls ({@code uses:}), or {@code null}
 * @param steps steps in order (empty for a reusable-workflow call)
 */
public record Job(
    String id,
    String condition,
    List<String> needs,
    List<String> runsOn,
    Permissions permissions,
    Map<String, String> env,
    String container,
    Map<String, String> services,
    String uses,
    List<Step> steps) {

  public Job {
    needs = List.copyOf(needs);
    runsOn = List.copyOf(runsOn);
    env = Map.copyOf(env);
    services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    steps = List.copyOf(steps);
  }

  /** Whether {@code runs-on:} has the {@code self-hosted} label. */
  public boolean selfHosted() {
    return runsOn.stream()
        .anyMatch(label -> label.strip().toLowerCase(Locale.ROOT).equals("self-hosted"));
  }
}
