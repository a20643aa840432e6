package io.github.ghcrtools.publish.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ghcrtools.core.failure.UserError;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class OciLabelsTest {

  private static final LabelInputs INPUTS =
      new LabelInputs(
          "Pytoya API",
          "The API service",
          "1.2.3",
          "https://example.com/pytoya",
          List.of("Apache-2.0", "MIT"),
          Optional.of("https://github.com/acme/pytoya"),
          Optional.of("0123456789abcdef0123456789abcdef01234567"),
          Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void fillsTheOpenContainersSet() {
    SortedMap<String, String> labels = OciLabels.compute(INPUTS, Map.of());

    assertEquals(
        Map.of(
            "org.opencontainers.image.source", "https://github.com/acme/pytoya",
            "org.opencontainers.image.version", "1.2.3",
            "org.opencontainers.image.revision", "0123456789abcdef0123456789abcdef01234567",
            "org.opencontainers.image.created", "2026-01-01T00:00:00Z",
            "org.opencontainers.image.title", "Pytoya API",
            "org.opencontainers.image.description", "The API service",
            "org.opencontainers.image.licenses", "Apache-2.0 OR MIT",
            "org.opencontainers.image.url", "https://example.com/pytoya"),
        labels);
    assertEquals("org.opencontainers.image.created", labels.firstKey());
  }

  @Test
  void userLabelsOverrideExtendAndRemove() {
    Map<String, String> user = new HashMap<>();
    user.put("org.opencontainers.image.title", "api");
    user.put("com.example.team", "platform");
    user.put("org.opencontainers.image.url", "");
    SortedMap<String, String> labels = OciLabels.compute(INPUTS, user);

    assertEquals("api", labels.get("org.opencontainers.image.title"));
    assertEquals("platform", labels.get("com.example.team"));
    assertFalse(labels.containsKey("org.opencontainers.image.url"));
  }

  @Test
  void missingFactsLeaveLabelsOut() {
    LabelInputs sparse =
        new LabelInputs(
            "api", null, "1.0", null, List.of(), Optional.empty(), Optional.empty(), Instant.EPOCH);
    assertEquals(
        Map.of(
            "org.opencontainers.image.title", "api",
            "org.opencontainers.image.version", "1.0",
            "org.opencontainers.image.created", "1970-01-01T00:00:00Z"),
        OciLabels.compute(sparse, null));
  }

  @Test
  void aLabelWithoutNameIsRefused() {
    assertThrows(UserError.class, () -> OciLabels.compute(INPUTS, Map.of(" ", "x")));
  }
}
