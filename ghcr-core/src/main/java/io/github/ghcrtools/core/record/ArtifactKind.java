package io.github.ghcrtools.core.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * What a record describes; serialized as {@code "image"}, {@code "chart"} or {@code "artifact"}
 * (files pushed by {@code ghcr:artifact}, which the deploy signal leaves alone).
 */
public enum ArtifactKind {
  IMAGE("image"),
  CHART("chart"),
  ARTIFACT("artifact");

  private final String value;

  ArtifactKind(String value) {
    this.value = value;
  }

  /** The lowercase form used in JSON and in record file names. */
  @JsonValue
  public String value() {
    return value;
  }

  /** Strict: only the exact lowercase names, so a typo in a hand-edited record is caught. */
  @JsonCreator
  public static ArtifactKind fromValue(String value) {
    return Arrays.stream(values())
        .filter(k -> k.value.equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                new RecordException(
                    "field 'kind' value '" + value + "' is unknown; use image, chart or artifact"));
  }
}
