package io.github.ghcrtools.deploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionTagTest {

  private static Optional<String> previous(String version, String... tags) {
    return VersionTag.previous(List.of(tags), version, "v").map(VersionTag::name);
  }

  @Test
  void takesTheHighestVersionTagBelowTheRelease() {
    assertEquals(
        Optional.of("v0.2.0"),
        previous("0.3.0", "v0.1.0", "v0.2.0", "v0.3.0", "v1.0.0", "v0.10.0"));
    assertEquals(Optional.of("v0.10.0"), previous("0.11.0", "v0.9.0", "v0.10.0", "v0.2.0"));
  }

  @Test
  void aReleaseSkipsPreReleasesAPreReleaseDoesNot() {
    assertEquals(Optional.of("v0.1.0"), previous("0.2.0", "v0.1.0", "v0.2.0-rc.1", "v0.2.0-rc.2"));
    assertEquals(
        Optional.of("v0.2.0-rc.1"), previous("0.2.0-rc.2", "v0.1.0", "v0.2.0-rc.1", "v0.2.0-rc.2"));
    assertEquals(Optional.of("v0.1.0"), previous("0.2.0-rc.1", "v0.1.0", "v0.2.0-rc.1"));
  }

  @Test
  void bareVersionsCountAndTheTagWithThePrefixWinsATie() {
    assertEquals(Optional.of("0.1.5"), previous("0.2.0", "v0.1.0", "0.1.5"));
    assertEquals(Optional.of("v0.1.0"), previous("0.2.0", "0.1.0", "v0.1.0"));
  }

  @Test
  void tagsThatAreNoVersionsAreIgnored() {
    assertEquals(
        Optional.of("v0.1.0"),
        previous("0.2.0", "latest", "release-0.1.9", "v0.1", "vv0.1.5", "v0.1.0", "deploy/prod"));
  }

  @Test
  void theFirstReleaseAndANonSemVerVersionHaveNoPrevious() {
    assertEquals(Optional.empty(), previous("0.1.0", "v0.1.0", "v0.2.0"));
    assertEquals(Optional.empty(), previous("0.1.0"));
    assertEquals(Optional.empty(), previous("2024.05", "v0.1.0"));
  }

  @Test
  void anotherPrefixIsHonoured() {
    assertEquals(
        Optional.of("release-1.0.0"),
        VersionTag.previous(List.of("release-1.0.0", "v1.1.0"), "1.2.0", "release-")
            .map(VersionTag::name));
  }
}
