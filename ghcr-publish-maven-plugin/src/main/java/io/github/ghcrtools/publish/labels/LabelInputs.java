package io.github.ghcrtools.publish.labels;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Project and CI facts that become OCI annotations-as-labels.
 *
 * @param title project name (or artifactId)
 * @param description project description
 * @param version project version
 * @param url project URL
 * @param licenses license names from the POM (Maven: the user may pick any of them)
 * @param source repository URL: GitHub server + repository in CI, else the POM's SCM URL
 * @param revision commit hash
 * @param created creation time of the image
 */
public record LabelInputs(
    String title,
    String description,
    String version,
    String url,
    List<String> licenses,
    Optional<String> source,
    Optional<String> revision,
    Instant created) {

  public LabelInputs {
    licenses = licenses == null ? List.of() : List.copyOf(licenses);
    source = source == null ? Optional.empty() : source;
    revision = revision == null ? Optional.empty() : revision;
  }
}
