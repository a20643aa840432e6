package io.github.ghcrtools.publish.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreflightTest {

  @TempDir Path dir;

  /**
   * An environment whose registries.conf is an empty file, so the machine's files do not matter.
   */
  private Map<String, String> cleanEnv() throws IOException {
    Path conf = dir.resolve("registries.conf");
    if (!Files.exists(conf)) {
      Files.writeString(conf, "");
    }
    return Map.of("CONTAINERS_REGISTRIES_CONF", conf.toString());
  }

  @Test
  void aCleanSetupPasses() throws IOException {
    assertEquals(
        List.of(),
        Preflight.check(Map.of(), cleanEnv(), Preflight.InsecureParameters.none(), null));
    assertEquals(
        List.of(ImagePlatform.parse("linux/arm64")),
        Preflight.check(
            Map.of(), cleanEnv(), Preflight.InsecureParameters.none(), List.of("linux/arm64")));
  }

  @Test
  void severalPlatformsAreBuiltInTheirOrderAndEachOnce() throws IOException {
    assertEquals(
        List.of(
            new ImagePlatform("linux", "arm64", "v8"), new ImagePlatform("linux", "amd64", null)),
        Preflight.check(
            Map.of(),
            cleanEnv(),
            Preflight.InsecureParameters.none(),
            List.of(" linux/arm64/v8", "linux/amd64")));
    UserError twice =
        assertThrows(
            UserError.class,
            () ->
                Preflight.check(
                    Map.of(),
                    cleanEnv(),
                    Preflight.InsecureParameters.none(),
                    List.of("linux/amd64", "linux/arm64", "linux/amd64")));
    assertTrue(twice.getMessage().contains("lists a platform twice"), twice.getMessage());
    UserError variants =
        assertThrows(
            UserError.class,
            () ->
                Preflight.check(
                    Map.of(),
                    cleanEnv(),
                    Preflight.InsecureParameters.none(),
                    List.of("linux/arm/v6", "linux/arm/v7")));
    assertTrue(
        variants.getMessage().contains("one variant per architecture"), variants.getMessage());
  }

  @Test
  void aMalformedPlatformIsNamed() {
    UserError e =
        assertThrows(
            UserError.class,
            () ->
                Preflight.check(
                    Map.of(), cleanEnv(), Preflight.InsecureParameters.none(), List.of("amd64")));
    assertTrue(e.getMessage().contains("os/architecture"), e.getMessage());
  }

  @Test
  void insecureParametersAreRefused() {
    PolicyViolationException a =
        assertThrows(
            PolicyViolationException.class,
            () ->
                Preflight.check(
                    Map.of(), cleanEnv(), new Preflight.InsecureParameters(true, false), null));
    assertTrue(a.getMessage().contains("allowInsecureRegistries"), a.getMessage());
    PolicyViolationException b =
        assertThrows(
            PolicyViolationException.class,
            () ->
                Preflight.check(
                    Map.of(), cleanEnv(), new Preflight.InsecureParameters(false, true), null));
    assertTrue(b.getMessage().contains("sendCredentialsOverHttp"), b.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jib.allowInsecureRegistries",
        "sendCredentialsOverHttp",
        "jib.sendCredentialsOverHttp"
      })
  void insecurePropertiesAreRefused(String property) {
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class,
            () ->
                Preflight.check(
                    Map.of(property, "true"),
                    cleanEnv(),
                    Preflight.InsecureParameters.none(),
                    null));
    assertTrue(e.getMessage().contains(property), e.getMessage());
  }

  @Test
  void aRegistriesConfRedirectingGhcrIsRefused() throws IOException {
    Path hostile = dir.resolve("hostile.conf");
    Files.writeString(
        hostile, "[[registry]]\nprefix = \"ghcr.io\"\nlocation = \"evil.example.com\"\n");
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class,
            () ->
                Preflight.check(
                    Map.of(),
                    Map.of("CONTAINERS_REGISTRIES_CONF", hostile.toString()),
                    Preflight.InsecureParameters.none(),
                    null));
    assertTrue(e.getMessage().contains("hostile.conf"), e.getMessage());
  }
}
