package io.github.ghcrtools.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {

  @Test
  void ordersBySemverPrecedenceAsTheSpecListsIt() {
    List<String> ordered =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.2.0",
            "1.10.0",
            "2.0.0");
    List<SemanticVersion> shuffled =
        new ArrayList<>(ordered.stream().map(v -> SemanticVersion.parse(v).orElseThrow()).toList());
    Collections.shuffle(shuffled, new java.util.Random(3));
    Collections.sort(shuffled);
    assertEquals(ordered, shuffled.stream().map(SemanticVersionTest::text).toList());
  }

  @Test
  void buildMetadataDoesNotCount() {
    assertEquals(
        0,
        SemanticVersion.parse("1.2.3+a")
            .orElseThrow()
            .compareTo(SemanticVersion.parse("1.2.3+b").orElseThrow()));
    assertTrue(
        SemanticVersion.parse("0.2.0")
                .orElseThrow()
                .compareTo(SemanticVersion.parse("0.1.0").orElseThrow())
            > 0);
  }

  @Test
  void onlyStrictSemverParses() {
    assertTrue(SemanticVersion.parse("1.2").isEmpty());
    assertTrue(SemanticVersion.parse("01.2.3").isEmpty());
    assertTrue(SemanticVersion.parse("1.2.3-SNAPSHOT").orElseThrow().isPreRelease());
  }

  private static String text(SemanticVersion v) {
    return v.major()
        + "."
        + v.minor()
        + "."
        + v.patch()
        + (v.preRelease() == null ? "" : "-" + v.preRelease());
  }
}
