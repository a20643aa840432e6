package io.github.ghcrtools.core.ci;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ghcrtools.core.failure.UserError;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseTagTest {

  private static CiContext push(String refType, String refName) {
    return CiContext.from(
        Map.of(
            "GITHUB_ACTIONS",
            "true",
            "GITHUB_EVENT_NAME",
            "push",
            "GITHUB_REF_TYPE",
            refType,
            "GITHUB_REF_NAME",
            refName));
  }

  @ParameterizedTest
  @CsvSource({
    "tag, v1.2.3, 1.2.3",
    "tag, 1.2.3, 1.2.3",
    "tag, v2.0.0-rc.1, 2.0.0-rc.1",
    "tag, nightly, 1.2.3",
    "branch, v9.9.9, 1.2.3",
    "branch, main, 1.2.3-SNAPSHOT"
  })
  void aMatchingTagOrNoVersionTagPasses(String refType, String refName, String version) {
    assertDoesNotThrow(() -> ReleaseTag.check(push(refType, refName), version));
  }

  @Test
  void aVersionTagThatDiffersFromTheProjectVersionIsRefusedNamingBoth() {
    UserError e =
        assertThrows(UserError.class, () -> ReleaseTag.check(push("tag", "v1.2.4"), "1.2.3"));

    assertEquals(
        "The tag push v1.2.4 does not match the project version 1.2.3: tag the commit v1.2.3, or"
            + " set the project version to 1.2.4 (e.g. mvn versions:set -DnewVersion=1.2.4)"
            + " before tagging.",
        e.getMessage());
  }

  @Test
  void aReleaseTagOnASnapshotIsRefused() {
    assertThrows(UserError.class, () -> ReleaseTag.check(push("tag", "v1.2.3"), "1.2.3-SNAPSHOT"));
  }
}
