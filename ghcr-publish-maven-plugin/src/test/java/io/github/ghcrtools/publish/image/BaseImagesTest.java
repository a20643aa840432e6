package io.github.ghcrtools.publish.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.policy.PolicyViolationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BaseImagesTest {

  @TempDir Path basedir;
  private final List<String> warnings = new ArrayList<>();

  private BaseImage parse(String spec) {
    return BaseImages.parse(spec, basedir, warnings::add);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "scratch", " scratch "})
  void emptyOrScratchIsScratch(String spec) {
    assertInstanceOf(BaseImage.Scratch.class, parse(spec));
  }

  @Test
  void localTarsByPrefixOrExtension() throws IOException {
    Files.createDirectories(basedir.resolve("images"));
    Files.write(basedir.resolve("images/base.tar"), new byte[0]);
    Files.write(basedir.resolve("images/base.img"), new byte[0]);

    BaseImage byExtension = parse("images/base.tar");
    BaseImage byPrefix = parse("tar://images/base.img");

    assertEquals(basedir.resolve("images/base.tar"), ((BaseImage.LocalTar) byExtension).file());
    assertEquals(basedir.resolve("images/base.img"), ((BaseImage.LocalTar) byPrefix).file());
    assertTrue(warnings.isEmpty());
  }

  @Test
  void aMissingTarIsNamed() {
    PolicyViolationException e =
        assertThrows(PolicyViolationException.class, () -> parse("tar://nope.tar"));
    assertTrue(
        e.getMessage().contains("baseImage") && e.getMessage().contains("nope.tar"),
        e.getMessage());
  }

  @Test
  void anOciLayoutDirectory() throws IOException {
    Files.createDirectories(basedir.resolve("layout"));
    Files.writeString(basedir.resolve("layout/index.json"), "{}");
    Files.createDirectories(basedir.resolve("plain"));

    assertInstanceOf(BaseImage.OciLayoutDirectory.class, parse("./layout"));
    PolicyViolationException e =
        assertThrows(PolicyViolationException.class, () -> parse("./plain"));
    assertTrue(e.getMessage().contains("index.json"), e.getMessage());
  }

  @Test
  void credentialsWrittenIntoTheReferenceAreRefusedWithoutRepeatingThem() {
    for (String spec :
        List.of(
            "octocat:ghp_SECRET123@ghcr.io/acme/base:1",
            "https://octocat:ghp_SECRET123@ghcr.io/acme/base:1",
            "octocat:ghp_SECRET123@docker.io/library/eclipse-temurin:21",
            "octocat:p4ss/SECRET123@ghcr.io/acme/base:1",
            "ghp_SECRET123@ghcr.io")) {
      PolicyViolationException e =
          assertThrows(PolicyViolationException.class, () -> parse(spec), spec);
      assertFalse(e.getMessage().contains("SECRET123"), e.getMessage());
      assertTrue(e.getMessage().contains("baseImage"), e.getMessage());
    }
  }

  @Test
  void anHttpsFormOfAGhcrImageIsTaken() {
    String pinned = "ghcr.io/acme/jre:21@sha256:" + "a".repeat(64);
    BaseImage.Registry base = (BaseImage.Registry) parse("https://" + pinned);
    assertEquals(pinned, base.reference());
  }

  @Test
  void aGhcrImagePinnedByDigestIsTakenWithoutWarning() {
    String pinned = "ghcr.io/acme/jre:21@sha256:" + "a".repeat(64);
    BaseImage.Registry base = (BaseImage.Registry) parse(pinned);
    assertTrue(base.ghcr());
    assertEquals(pinned, base.reference());
    assertTrue(warnings.isEmpty(), warnings.toString());
  }

  @Test
  void aGhcrImageNamedByTagAloneIsTakenWithAWarningToPinIt() {
    BaseImage.Registry base = (BaseImage.Registry) parse("ghcr.io/acme/jre:21");
    assertTrue(base.ghcr());
    assertEquals("ghcr.io/acme/jre:21", base.reference());
    assertEquals(
        List.of(
            "Base image ghcr.io/acme/jre:21 is named by tag alone: a tag can move, and the next"
                + " build of this commit would then get another base. Pin it by digest"
                + " (ghcr.io/acme/jre:21@sha256:...); 'skopeo inspect docker://ghcr.io/acme/jre:21'"
                + " shows it."),
        warnings);
  }

  @ParameterizedTest
  @CsvSource({
    "eclipse-temurin:21-jre, docker.io",
    "docker.io/library/eclipse-temurin:21, docker.io",
    "registry-1.docker.io/library/eclipse-temurin:21, docker.io",
    "quay.io/acme/jre:1, quay.io",
    "localhost:5000/jre, localhost:5000"
  })
  void everyOtherRegistryIsRefusedEvenForPulls(String spec, String host) {
    PolicyViolationException e = assertThrows(PolicyViolationException.class, () -> parse(spec));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Parameter 'baseImage' is '"
                    + spec
                    + "': base images come from ghcr.io, a local tar or OCI layout, or 'scratch';"
                    + " registry '"
                    + host
                    + "' is not allowed, not even for pulls"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("skopeo copy docker://" + spec + " docker://ghcr.io/"),
        e.getMessage());
    assertTrue(warnings.isEmpty());
  }

  @Test
  void aGhcrBaseImageStillPassesThePolicy() {
    PolicyViolationException e =
        assertThrows(PolicyViolationException.class, () -> parse("ghcr.io/Acme/jre:21"));
    // the policy's own message, with the lowercase fix, not a generic "not an image reference"
    assertTrue(e.getMessage().contains("ghcr.io/acme/jre:21"), e.getMessage());
  }
}
