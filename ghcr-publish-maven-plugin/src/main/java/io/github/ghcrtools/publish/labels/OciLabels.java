package io.github.ghcrtools.publish.labels;

import io.github.ghcrtools.core.failure.UserError;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Computes the image labels: the {@code org.opencontainers.image.*} set that GHCR shows on the
 * package page (source links the package to its repository), extended or overridden by the user's
 * {@code labels}. Sorted, so the config JSON, and the digest, never depend on map order.
 */
public final class OciLabels {

  public static final String PREFIX = "org.opencontainers.image.";
  public static final String SOURCE = PREFIX + "source";
  public static final String VERSION = PREFIX + "version";
  public static final String REVISION = PREFIX + "revision";
  public static final String CREATED = PREFIX + "created";
  public static final String TITLE = PREFIX + "title";
  public static final String DESCRIPTION = PREFIX + "description";
  public static final String LICENSES = PREFIX + "licenses";
  public static final String URL = PREFIX + "url";

  private OciLabels() {}

  /**
   * @param userLabels the {@code labels} parameter; a blank value removes a default label
   */
  public static SortedMap<String, String> compute(LabelInputs in, Map<String, String> userLabels) {
    return compute(in, userLabels, "labels");
  }

  /**
   * The same set for another kind of metadata (an artifact's {@code annotations}).
   *
   * @param parameter the parameter {@code userLabels} came from, for the message
   */
  public static SortedMap<String, String> compute(
      LabelInputs in, Map<String, String> userLabels, String parameter) {
    SortedMap<String, String> labels = new TreeMap<>();
    put(labels, SOURCE, in.source().orElse(null));
    put(labels, VERSION, in.version());
    put(labels, REVISION, in.revision().orElse(null));
    put(labels, CREATED, in.created().toString());
    put(labels, TITLE, in.title());
    put(labels, DESCRIPTION, in.description());
    put(
        labels,
        LICENSES,
        in.licenses().stream()
            .filter(l -> l != null && !l.isBlank())
            .map(String::trim)
            .collect(Collectors.joining(" OR ")));
    put(labels, URL, in.url());
    if (userLabels != null) {
      userLabels.forEach(
          (key, value) -> {
            if (key == null || key.isBlank()) {
              throw new UserError(
                  "An entry of <" + parameter + "> has an empty name; give every entry a name.",
                  parameter,
                  null);
            }
            if (value == null || value.isBlank()) {
              labels.remove(key.trim());
            } else {
              labels.put(key.trim(), value);
            }
          });
    }
    return labels;
  }

  private static void put(Map<String, String> labels, String key, String value) {
    if (value != null && !value.isBlank()) {
      labels.put(key, value.strip());
    }
  }
}
