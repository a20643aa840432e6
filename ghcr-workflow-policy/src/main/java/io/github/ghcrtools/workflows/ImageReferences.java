package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image references a workflow names outside {@code run:} scripts: the job's {@code container:}
 * and {@code services:}, a {@code uses: docker://} step, {@code docker/build-push-action}'s {@code
 * tags} and {@code docker/metadata-action}'s {@code images}. The inputs are split as those actions
 * split them.
 */
final class ImageReferences {

  static final String BUILD_PUSH_ACTION = "docker/build-push-action";
  static final String METADATA_ACTION = "docker/metadata-action";

  private static final Pattern STEP_OUTPUT =
      Pattern.compile("\\$\\{\\{steps\\.([A-Za-z_][\\w-]*)\\.outputs\\.[\\w-]+}}");

  /**
   * An image reference and where the workflow names it.
   *
   * @param source how messages name the place, e.g. "service 'db' image"
   * @param reference the reference, expressions compacted as in scripts
   */
  record Named(String source, String reference) {}

  private ImageReferences() {}

  /** The images of the job's own {@code container:} and {@code services:}. */
  static List<Named> of(Job job) {
    List<Named> images = new ArrayList<>();
    if (job.container() != null) {
      images.add(new Named("job container image", compact(job.container())));
    }
    job.services()
        .forEach(
            (id, image) -> images.add(new Named("service '" + id + "' image", compact(image))));
    return images;
  }

  /**
   * The images {@code step} names in its action inputs or {@code docker://} reference, with {@code
   * env:} expanded. A tag that is the output of a {@code docker/metadata-action} step of the same
   * job is left out: that step's {@code images} are checked instead.
   */
  static List<Named> of(Job job, Step step, StepEnvironment environment) {
    List<Named> images = new ArrayList<>();
    String uses = step.uses() == null ? "" : step.uses().strip();
    if (uses.regionMatches(true, 0, "docker://", 0, 9)) {
      images.add(new Named("step image", compact(uses)));
    }
    if (step.usesAction(BUILD_PUSH_ACTION)) {
      for (String tag : split(step.with().get("tags"), true)) {
        String reference = environment.expand(compact(tag));
        if (!fromMetadataAction(job, reference)) {
          images.add(new Named(BUILD_PUSH_ACTION + " tag", reference));
        }
      }
    }
    if (step.usesAction(METADATA_ACTION)) {
      for (String entry : split(step.with().get("images"), false)) {
        images.add(
            new Named(METADATA_ACTION + " image", environment.expand(compact(imageName(entry)))));
      }
    }
    return images;
  }

  /** The non-empty entries of a list input: one a line, and also split on commas if asked. */
  private static List<String> split(String input, boolean commas) {
    List<String> entries = new ArrayList<>();
    if (input == null) {
      return entries;
    }
    for (String line : input.split("\\R")) {
      if (line.strip().startsWith("#")) {
        continue;
      }
      for (String entry : commas ? line.split(",") : new String[] {line}) {
        if (!entry.isBlank()) {
          entries.add(entry.strip());
        }
      }
    }
    return entries;
  }

  /** The {@code name=} of an extended metadata-action entry ({@code name=...,enable=...}). */
  private static String imageName(String entry) {
    if (!entry.contains("=")) {
      return entry;
    }
    for (String field : entry.split(",")) {
      String attribute = field.strip();
      if (attribute.regionMatches(true, 0, "name=", 0, 5)) {
        return attribute.substring(5).strip();
      }
    }
    return entry;
  }

  private static boolean fromMetadataAction(Job job, String reference) {
    Matcher output = STEP_OUTPUT.matcher(reference);
    if (!output.matches()) {
      return false;
    }
    return job.steps().stream()
        .anyMatch(step -> output.group(1).equals(step.id()) && step.usesAction(METADATA_ACTION));
  }

  private static String compact(String text) {
    return ShellScript.compactExpressions(text.strip());
  }
}
