package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ghcr.io only: no step logs in to or pushes to another registry, and no image the workflow names
 * (in {@code docker/login-action}, {@code docker/build-push-action} tags, {@code
 * docker/metadata-action} images, {@code uses: docker://}, the job's {@code container:} or {@code
 * services:}) lives elsewhere. A login without a registry is a Docker Hub login, and an image
 * without a registry host ({@code nginx:1}) is a Docker Hub image. A host only known at run time
 * (an expression or a variable not set in {@code env:}) cannot be checked, so it is reported too:
 * write ghcr.io literally.
 */
final class RegistryHostRule implements WorkflowRule {

  private static final String LOGIN_ACTION = "docker/login-action";

  @Override
  public List<Finding> check(Workflow workflow, Job job) {
    List<Finding> findings = new ArrayList<>();
    for (ImageReferences.Named image : ImageReferences.of(job)) {
      image(null, image).ifPresent(findings::add);
    }
    for (Step step : job.steps()) {
      StepEnvironment environment = StepEnvironment.of(workflow, job, step);
      Set<RegistryAccess> accesses = new LinkedHashSet<>();
      if (step.usesAction(LOGIN_ACTION)) {
        String registry = step.with().get("registry");
        accesses.add(
            RegistryAccess.login(
                registry == null || registry.isBlank()
                    ? null
                    : environment.expand(registry.strip())));
      }
      for (ShellCommand command : ShellScript.parse(step.run())) {
        Map<String, String> assignments = command.assignments();
        if (!assignments.isEmpty()) {
          environment.assign(assignments);
        } else {
          accesses.addAll(RegistryCommands.of(command, environment));
        }
      }
      accesses.stream()
          .filter(access -> !access.ghcr())
          .map(access -> finding(step, access))
          .forEach(findings::add);
      for (ImageReferences.Named image : ImageReferences.of(job, step, environment)) {
        image(step, image).ifPresent(findings::add);
      }
    }
    return findings;
  }

  private static Optional<Finding> image(Step step, ImageReferences.Named image) {
    RegistryAccess access = RegistryAccess.image(image.reference());
    if (access.ghcr()) {
      return Optional.empty();
    }
    String named = image.source() + " '" + image.reference() + "'";
    return Optional.of(
        access.unresolved()
            ? new Finding(
                step,
                named + " names a registry only known at run time",
                "write the reference as ghcr.io/<owner>/... (or set the variable in env:)")
            : new Finding(
                step,
                named + " is on registry '" + access.server() + "'",
                "use images from ghcr.io/<owner>/... only (copy the image there first)"));
  }

  private static Finding finding(Step step, RegistryAccess access) {
    if (access.push()) {
      return access.unresolved()
          ? new Finding(
              step,
              "pushes to '" + access.reference() + "', whose registry is only known at run time",
              "write the reference as ghcr.io/<owner>/... (or set the variable in env:)")
          : new Finding(
              step,
              "pushes to registry '" + access.server() + "' (" + access.reference() + ")",
              "push to ghcr.io/<owner>/... only");
    }
    if (access.server() == null) {
      return new Finding(
          step, "logs in to Docker Hub (no registry given)", "log in to ghcr.io only");
    }
    return access.unresolved()
        ? new Finding(
            step,
            "logs in to registry '" + access.server() + "', which is only known at run time",
            "write ghcr.io literally (or set the variable in env:)")
        : new Finding(
            step, "logs in to registry '" + access.server() + "'", "log in to ghcr.io only");
  }
}
