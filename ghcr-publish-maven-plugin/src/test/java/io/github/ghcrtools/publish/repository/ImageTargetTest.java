package io.github.ghcrtools.publish.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.policy.PolicyViolationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageTargetTest {

  private static final Map<String, String> CI = Map.of("GITHUB_REPOSITORY_OWNER", "Acme-Corp");

  @ParameterizedTest(name = "image={0} owner={1} name={2} -> {3} / {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        "-, -, -, ghcr.io/acme-corp/pytoya-api, pytoya-api",
        "api, -, -, ghcr.io/acme-corp/api, api",
        "pytoya/api, -, -, ghcr.io/acme-corp/pytoya/api, api",
        "pytoya/api, team, web, ghcr.io/team/pytoya/api, web",
        "ghcr.io/other/app, -, -, ghcr.io/other/app, app",
        "GHCR.IO/other/app, other, -, ghcr.io/other/app, app",
        "https://ghcr.io/other/x/app, -, -, ghcr.io/other/x/app, app",
      })
  void buildsTheRepositoryFromPomAndEnvironment(
      String image, String owner, String name, String repo, String logical) {
    ImageTarget target = ImageTarget.resolve(image, owner, name, "pytoya-api", CI);
    assertEquals(repo, target.repository().repositoryName());
    assertEquals(logical, target.name());
    assertEquals(repo + ":1.0", target.tagged("1.0").toString());
  }

  @Test
  void ghcrOwnerWinsOverTheRepositoryOwner() {
    ImageTarget target =
        ImageTarget.resolve(
            "api",
            null,
            null,
            "x",
            Map.of("GHCR_OWNER", "Team", "GITHUB_REPOSITORY_OWNER", "acme"));
    assertEquals("ghcr.io/team/api", target.repository().repositoryName());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "docker.io/acme/api, ghcr.io",
    "registry.example.com/acme/api, ghcr.io",
    "ghcr.io:443/acme/api, ghcr.io",
    "http://ghcr.io/acme/api, https",
    "ghcr.io/acme/api:1.0, <tags>",
    "ghcr.io/acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, <tags>",
    "pytoya/Api, pytoya/api",
  })
  void refusesAnythingButALowercaseGhcrRepository(String image, String hint) {
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class, () -> ImageTarget.resolve(image, null, null, "x", CI));
    assertTrue(e.getMessage().contains(hint), e.getMessage());
    assertTrue(e.getMessage().contains("image"), e.getMessage());
  }

  @Test
  void anUppercaseArtifactIdAsksForAnImageParameter() {
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class,
            () -> ImageTarget.resolve(null, null, null, "MyApp", CI));
    assertTrue(e.getMessage().contains("<image>myapp</image>"), e.getMessage());
  }

  @Test
  void anUppercaseOwnerInThePomShowsTheLowercaseForm() {
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class,
            () -> ImageTarget.resolve("api", "Acme", null, "x", Map.of()));
    assertTrue(e.getMessage().contains("acme"), e.getMessage());
  }

  @Test
  void ownerParameterMustAgreeWithAFullImage() {
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class,
            () -> ImageTarget.resolve("ghcr.io/acme/api", "other", null, "x", Map.of()));
    assertTrue(e.getMessage().contains("owner"), e.getMessage());
  }

  @Test
  void noOwnerAnywhereIsAnErrorForPushButAPlaceholderForLocalBuilds() {
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class,
            () -> ImageTarget.resolve("api", null, null, "x", Map.of()));
    assertTrue(e.getMessage().contains("GHCR_OWNER"), e.getMessage());

    assertEquals(
        "ghcr.io/local/api",
        ImageTarget.resolveForLocalBuild("api", null, null, "x", Map.of())
            .repository()
            .repositoryName());
    assertEquals(
        "ghcr.io/acme-corp/api",
        ImageTarget.resolveForLocalBuild("api", null, null, "x", CI).repository().repositoryName());
  }

  @Test
  void aLogicalNameThatCannotNameAFileIsRefused() {
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class, () -> ImageTarget.resolve("api", null, "a/b", "x", CI));
    assertTrue(e.getMessage().contains("<name>"), e.getMessage());
  }
}
