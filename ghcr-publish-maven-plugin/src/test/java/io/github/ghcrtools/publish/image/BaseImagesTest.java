package io.github.ghcrtools.publish.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  private BaseImage parse(String spec, List<String> allowlist) {
    return BaseImages.parse(spec, allowlist, basedir, warnings::add);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "scratch", " scratch "})
  void emptyOrScratchIsScratch(String spec) {
    assertInstanceOf(BaseImage.Scratch.class, parse(spec, List.of()));
  }

  @Test
  void localTarsByPrefixOrExtension() throws IOException {
    Files.createDirectories(basedir.resolve("images"));
    Files.write(basedir.resolve("images/base.tar"), new byte[0]);
    Files.write(basedir.resolve("images/base.img"), new byte[0]);

    BaseImage byExtension = parse("images/base.tar", List.of());
    BaseImage byPrefix = parse("tar://images/base.img", List.of());

    assertEquals(basedir.resolve("images/base.tar"), ((BaseImage.LocalTar) byExtension).file());
    assertEquals(basedir.resolve("images/base.img"), ((BaseImage.LocalTar) byPrefix).file());
    assertTrue(warnings.isEmpty());
  }

  @Test
  void aMissingTarIsNamed() {
    PolicyViolationException e =
        assertThrows(PolicyViolationException.class, () -> parse("tar://nope.tar", List.of()));
    assertTrue(
        e.getMessage().contains("baseImage") && e.getMessage().contains("nope.tar"),
        e.getMessage());
  }

  @Test
  void anOciLayoutDirectory() throws IOException {
    Files.createDirectories(basedir.resolve("layout"));
    Files.writeString(basedir.resolve("layout/index.json"), "{}");
    Files.createDirectories(basedir.resolve("plain"));

    assertInstanceOf(BaseImage.OciLayoutDirectory.class, parse("./layout", List.of()));
    PolicyViolationException e =
        assertThrows(PolicyViolationException.class, () -> parse("./plain", List.of()));
    assertTrue(e.getMessage().contains("index.json"), e.getMessage());
  }

  @Test
  void ghcrImagesNeedNoAllowlist() {
    BaseImage.Registry base = (BaseImage.Registry) parse("ghcr.io/acme/jre:21", List.of());
    assertTrue(base.ghcr());
    assertEquals("ghcr.io/acme/jre:21", base.reference());
    assertTrue(warnings.isEmpty());
  }

  @ParameterizedTest
  @CsvSource({
    "eclipse-temurin:21-jre, docker.io",
    "quay.io/acme/jre:1, quay.io",
    "localhost:5000/jre, localhost:5000"
  })
  void otherRegistriesAreRefusedNamingTheAllowlist(String spec, String host) {
    PolicyViolationException e =
        assertThrows(PolicyViolationException.class, () -> parse(spec, List.of()));
    assertTrue(e.getMessage().contains("pullOnlyBaseRegistries"), e.getMessage());
    assertTrue(e.getMessage().contains(host), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "eclipse-temurin:21-jre, docker.io",
    "eclipse-temurin:21-jre, registry-1.docker.io",
    "docker.io/library/eclipse-temurin:21, DOCKER.IO",
    "quay.io/acme/jre:1, quay.io",
  })
  void allowlistedRegistriesArePulledWithAWarning(String spec, String allowed) {
    BaseImage.Registry base = (BaseImage.Registry) parse(spec, List.of(allowed));
    assertTrue(!base.ghcr());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("pullOnlyBaseRegistries"), warnings.get(0));
  }

  @Test
  void theAllowlistIsPerHost() {
    assertThrows(
        PolicyViolationException.class, () -> parse("quay.io/acme/jre:1", List.of("docker.io")));
  }

  @Test
  void aGhcrBaseImageStillPassesThePolicy() {
    assertThrows(PolicyViolationException.class, () -> parse("ghcr.io/Acme/jre:21", List.of()));
  }
}
