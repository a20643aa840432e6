package io.github.ghcrtools.core.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.policy.PolicyViolationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialResolverTest {

  private static final String TOKEN = "ghp_T0kenThatMustNotLeak";

  @TempDir Path home;

  private static RegistryCredentials creds(String user, String token, String source) {
    return new RegistryCredentials(user, Secret.of(token), source);
  }

  private Path dockerConfig(Path file, String auths) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "{\"auths\": {" + auths + "}}");
  }

  private static String auth(String userAndToken) {
    return Base64.getEncoder().encodeToString(userAndToken.getBytes(StandardCharsets.UTF_8));
  }

  private Optional<RegistryCredentials> resolve(Map<String, String> env) {
    return CredentialResolver.resolve(Optional.empty(), env, home);
  }

  @Test
  void settingsServerComesFirst() throws IOException {
    dockerConfig(
        home.resolve(".docker/config.json"),
        "\"ghcr.io\": {\"auth\": \"" + auth("d:docker") + "\"}");
    var settings = creds("maven", "from-settings", "settings.xml server 'ghcr.io'");
    assertEquals(
        Optional.of(settings),
        CredentialResolver.resolve(
            Optional.of(settings),
            Map.of(
                "GHCR_TOKEN", "x", "GHCR_USERNAME", "y", "GITHUB_TOKEN", "z", "GITHUB_ACTOR", "a"),
            home));
  }

  @Test
  void aSettingsServerMustHaveBothFields() {
    assertEquals(
        creds("maven", "from-settings", "settings.xml server 'ghcr.io'"),
        CredentialResolver.fromSettingsServer("maven", "from-settings"));
    for (String[] half :
        new String[][] {{"maven", null}, {"maven", " "}, {null, "from-settings"}, {"", "x"}}) {
      var e =
          assertThrows(
              PolicyViolationException.class,
              () -> CredentialResolver.fromSettingsServer(half[0], half[1]));
      assertEquals(
          "settings.xml server 'ghcr.io' needs both <username> (the GitHub user) and <password> (a token"
              + " with write:packages); complete it, or remove it to use env GHCR_TOKEN.",
          e.getMessage());
    }
  }

  @Test
  void ghcrTokenBeatsGithubToken() {
    Map<String, String> env =
        Map.of(
            "GHCR_TOKEN",
            TOKEN,
            "GHCR_USERNAME",
            "bot",
            "GITHUB_TOKEN",
            "other",
            "GITHUB_ACTOR",
            "octocat");
    assertEquals(Optional.of(creds("bot", TOKEN, "env GHCR_TOKEN")), resolve(env));
  }

  @Test
  void ghcrTokenDefaultsItsUserToGithubActor() {
    assertEquals(
        Optional.of(creds("octocat", TOKEN, "env GHCR_TOKEN")),
        resolve(Map.of("GHCR_TOKEN", TOKEN, "GITHUB_ACTOR", "octocat")));
  }

  @Test
  void githubTokenWithActor() throws IOException {
    dockerConfig(
        home.resolve(".docker/config.json"),
        "\"ghcr.io\": {\"auth\": \"" + auth("d:docker") + "\"}");
    assertEquals(
        Optional.of(creds("octocat", TOKEN, "env GITHUB_TOKEN")),
        resolve(Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_ACTOR", "octocat", "GHCR_TOKEN", " ")));
  }

  @Test
  void dockerConfigInHome() throws IOException {
    Path file =
        dockerConfig(
            home.resolve(".docker/config.json"),
            "\"docker.io\": {\"auth\": \""
                + auth("x:y")
                + "\"}, \"ghcr.io\": {\"auth\": \""
                + auth("bob:" + TOKEN)
                + "\"}");
    assertEquals(Optional.of(creds("bob", TOKEN, "Docker config " + file)), resolve(Map.of()));
  }

  @Test
  void dockerConfigFromDockerConfigVariableWithUrlKey() throws IOException {
    Path dir = home.resolve("custom-docker");
    Path file =
        dockerConfig(
            dir.resolve("config.json"),
            "\"https://GHCR.io/v2/\": {\"auth\": \"" + auth("bob:" + TOKEN) + "\"}");
    dockerConfig(
        home.resolve(".docker/config.json"),
        "\"ghcr.io\": {\"auth\": \"" + auth("other:x") + "\"}");
    assertEquals(
        Optional.of(creds("bob", TOKEN, "Docker config " + file)),
        resolve(Map.of("DOCKER_CONFIG", dir.toString())));
  }

  @Test
  void dockerConfigWithUsernameAndPasswordFields() throws IOException {
    Path file =
        dockerConfig(
            home.resolve(".docker/config.json"),
            "\"ghcr.io\": {\"username\": \"bob\", \"password\": \"" + TOKEN + "\"}");
    assertEquals(Optional.of(creds("bob", TOKEN, "Docker config " + file)), resolve(Map.of()));
  }

  @Test
  void helmConfigWhenDockerHasNoGhcrEntry() throws IOException {
    dockerConfig(
        home.resolve(".docker/config.json"),
        "\"ghcr.io\": {}, \"quay.io\": {\"auth\": \"" + auth("q:q") + "\"}");
    Path helm =
        dockerConfig(
            home.resolve(".config/helm/registry/config.json"),
            "\"ghcr.io\": {\"auth\": \"" + auth("helmuser:" + TOKEN) + "\"}");
    assertEquals(
        Optional.of(creds("helmuser", TOKEN, "Helm registry config " + helm)), resolve(Map.of()));
  }

  @Test
  void helmConfigFromVariable() throws IOException {
    Path helm =
        dockerConfig(
            home.resolve("helm.json"), "\"ghcr.io\": {\"auth\": \"" + auth("h:" + TOKEN) + "\"}");
    assertEquals(
        Optional.of(creds("h", TOKEN, "Helm registry config " + helm)),
        resolve(Map.of("HELM_REGISTRY_CONFIG", helm.toString())));
  }

  @Test
  void nothingConfiguredIsEmpty() throws IOException {
    assertEquals(Optional.empty(), resolve(Map.of()));
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"credsStore\": \"desktop\"}");
    assertEquals(Optional.empty(), resolve(Map.of()));
    assertEquals(Optional.empty(), CredentialResolver.resolve(Optional.empty(), Map.of(), null));
  }

  @Test
  void ghcrTokenWithoutUserIsRefusedWithoutShowingIt() {
    var e =
        assertThrows(PolicyViolationException.class, () -> resolve(Map.of("GHCR_TOKEN", TOKEN)));
    assertEquals(
        "Env GHCR_TOKEN is set but no user name is known; set GHCR_USERNAME (or GITHUB_ACTOR) to the"
            + " GitHub user that owns the token.",
        e.getMessage());
  }

  @Test
  void githubTokenWithoutActorIsRefused() {
    var e =
        assertThrows(PolicyViolationException.class, () -> resolve(Map.of("GITHUB_TOKEN", TOKEN)));
    assertEquals(
        "Env GITHUB_TOKEN is set but GITHUB_ACTOR is not; set GITHUB_ACTOR, or use GHCR_TOKEN with"
            + " GHCR_USERNAME.",
        e.getMessage());
  }

  @Test
  void malformedAuthIsRefusedWithoutShowingIt() throws IOException {
    for (String auth :
        new String[] {
          "not base64 " + TOKEN, auth(TOKEN), auth("bob:"), auth(":" + TOKEN), auth("bob:\n")
        }) {
      Path file =
          dockerConfig(
              home.resolve(".docker/config.json"), "\"ghcr.io\": {\"auth\": \"" + auth + "\"}");
      var e = assertThrows(PolicyViolationException.class, () -> resolve(Map.of()));
      assertEquals(
          "Docker config "
              + file
              + ": auths entry for ghcr.io is not base64 of 'user:token'; run"
              + " 'docker login ghcr.io' (or 'helm registry login ghcr.io') again, or remove the entry.",
          e.getMessage());
      assertNoToken(e);
    }
  }

  @Test
  void invalidJsonIsRefusedWithoutQuotingIt() throws IOException {
    Path file = home.resolve(".docker/config.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"auths\": {\"ghcr.io\": {\"auth\": " + TOKEN + "}}}");
    var e = assertThrows(PolicyViolationException.class, () -> resolve(new HashMap<>()));
    // the column is where the unquoted token starts; the token itself is not quoted
    assertEquals(
        "Docker config "
            + file
            + " is not valid JSON (line 1, column 32); fix or remove it,"
            + " or set GHCR_TOKEN.",
        e.getMessage());
    assertNoToken(e);
  }

  private static void assertNoToken(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(TOKEN), t.getMessage());
      assertFalse(t.toString().contains(TOKEN), t.toString());
    }
    assertTrue(e.getCause() == null, "no cause that could carry file content");
  }
}
