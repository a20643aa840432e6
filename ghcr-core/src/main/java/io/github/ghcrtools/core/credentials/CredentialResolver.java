package io.github.ghcrtools.core.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the ghcr.io credentials in the documented order: Maven {@code settings.xml} server {@code
 * ghcr.io} (read by the Mojo and passed in), env {@code GHCR_TOKEN} with {@code GHCR_USERNAME}
 * (default {@code GITHUB_ACTOR}), env {@code GITHUB_TOKEN} with {@code GITHUB_ACTOR}, Docker's
 * {@code config.json}, Helm's registry config. The first source that is present wins; a
 * half-configured source is an error rather than a silent fall-through, because pushing as the
 * wrong identity is worse than stopping.
 */
public final class CredentialResolver {

  /** Set up on first use: credentials from the environment need no JSON. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private static final String HOST = "ghcr.io";

  /** What a push or promotion says when no source above has credentials for ghcr.io. */
  public static final String NONE_FOUND =
      "No credentials for ghcr.io: set env GHCR_TOKEN (with GHCR_USERNAME,"
          + " default GITHUB_ACTOR) to a token with the write:packages permission, or add a <server> with id '"
          + HOST
          + "' to settings.xml; in GitHub Actions GITHUB_TOKEN with 'permissions: packages: write' also works.";

  /** What a build says when Maven cannot decrypt the settings.xml server's password. */
  public static final String UNDECRYPTABLE_SETTINGS_SERVER =
      "Cannot decrypt the password of settings.xml server '"
          + HOST
          + "'; check settings-security.xml, or give the token through env GHCR_TOKEN instead.";

  private CredentialResolver() {}

  /**
   * The settings.xml server {@code ghcr.io}, as Maven decrypted it. A server that is there must be
   * complete: a half-filled one is refused rather than passed over for another source.
   *
   * @throws PolicyViolationException naming both fields when one is missing
   */
  public static RegistryCredentials fromSettingsServer(String username, String password) {
    if (username == null || username.isBlank() || password == null || password.isBlank()) {
      throw new PolicyViolationException(
          "settings.xml server '"
              + HOST
              + "' needs both <username> (the GitHub"
              + " user) and <password> (a token with write:packages); complete it, or remove it to use env"
              + " GHCR_TOKEN.");
    }
    return new RegistryCredentials(
        username.strip(), Secret.of(password), "settings.xml server '" + HOST + "'");
  }

  /**
   * @param fromSettings the settings.xml server {@code ghcr.io}, when the build has one
   * @param env environment variables
   * @param home user home, for {@code .docker/config.json} and {@code
   *     .config/helm/registry/config.json}
   */
  public static Optional<RegistryCredentials> resolve(
      Optional<RegistryCredentials> fromSettings, Map<String, String> env, Path home) {
    if (fromSettings.isPresent()) {
      return fromSettings;
    }
    String ghcrToken = get(env, "GHCR_TOKEN");
    if (ghcrToken != null) {
      String user =
          get(env, "GHCR_USERNAME") != null ? get(env, "GHCR_USERNAME") : get(env, "GITHUB_ACTOR");
      if (user == null) {
        throw new PolicyViolationException(
            "Env GHCR_TOKEN is set but no user name is known;"
                + " set GHCR_USERNAME (or GITHUB_ACTOR) to the GitHub user that owns the token.");
      }
      return Optional.of(new RegistryCredentials(user, Secret.of(ghcrToken), "env GHCR_TOKEN"));
    }
    String githubToken = get(env, "GITHUB_TOKEN");
    if (githubToken != null) {
      String actor = get(env, "GITHUB_ACTOR");
      if (actor == null) {
        throw new PolicyViolationException(
            "Env GITHUB_TOKEN is set but GITHUB_ACTOR is not;"
                + " set GITHUB_ACTOR, or use GHCR_TOKEN with GHCR_USERNAME.");
      }
      return Optional.of(
          new RegistryCredentials(actor, Secret.of(githubToken), "env GITHUB_TOKEN"));
    }
    String dockerConfig = get(env, "DOCKER_CONFIG");
    Path dockerFile =
        dockerConfig != null
            ? configPath(dockerConfig, "DOCKER_CONFIG").resolve("config.json")
            : home == null ? null : home.resolve(".docker").resolve("config.json");
    Optional<RegistryCredentials> docker = fromConfigFile(dockerFile, "Docker config ");
    if (docker.isPresent()) {
      return docker;
    }
    String helmConfig = get(env, "HELM_REGISTRY_CONFIG");
    Path helmFile =
        helmConfig != null
            ? configPath(helmConfig, "HELM_REGISTRY_CONFIG")
            : home == null
                ? null
                : home.resolve(".config")
                    .resolve("helm")
                    .resolve("registry")
                    .resolve("config.json");
    return fromConfigFile(helmFile, "Helm registry config ");
  }

  private static String get(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * Reads {@code auths} of a Docker-format config (Helm uses the same). Entries kept in a
   * credential helper are not readable here and count as absent. Error messages never include file
   * content: Jackson's messages quote it, so only the location is reported.
   */
  static Optional<RegistryCredentials> fromConfigFile(Path file, String kind) {
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new PolicyViolationException(
          kind
              + file
              + " is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "); fix or remove it, or set GHCR_TOKEN.");
    } catch (IOException e) {
      throw new PolicyViolationException(
          kind
              + file
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + "); fix its permissions or remove it, or set GHCR_TOKEN.");
    }
    JsonNode entry = ghcrEntry(root == null ? null : root.get("auths"));
    if (entry == null) {
      return Optional.empty();
    }
    String source = kind + file;
    String auth = entry.path("auth").asText("");
    if (!auth.isBlank()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw malformed(source);
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0 || decoded.substring(colon + 1).isBlank()) {
        throw malformed(source);
      }
      return Optional.of(
          new RegistryCredentials(
              decoded.substring(0, colon), Secret.of(decoded.substring(colon + 1)), source));
    }
    String user = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    if (!user.isBlank() && !password.isBlank()) {
      return Optional.of(new RegistryCredentials(user, Secret.of(password), source));
    }
    return Optional.empty();
  }

  private static PolicyViolationException malformed(String source) {
    return new PolicyViolationException(
        source
            + ": auths entry for ghcr.io is not base64 of 'user:token';"
            + " run 'docker login ghcr.io' (or 'helm registry login ghcr.io') again, or remove the entry.");
  }

  /** Docker writes "ghcr.io", older clients "https://ghcr.io" or with a trailing path. */
  private static JsonNode ghcrEntry(JsonNode auths) {
    if (auths == null || !auths.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> e : auths.properties()) {
      String key = e.getKey().strip();
      if (key.regionMatches(true, 0, "https://", 0, 8)) {
        key = key.substring(8);
      }
      int slash = key.indexOf('/');
      if (slash >= 0) {
        key = key.substring(0, slash);
      }
      if (GhcrReference.isRegistryHost(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** A path from an environment variable, refused by name when the OS cannot take it. */
  private static Path configPath(String value, String variable) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UserError(
          "Environment variable "
              + variable
              + " is '"
              + value
              + "', not a usable path ("
              + e.getReason()
              + "); fix or unset it.",
          variable,
          e);
    }
  }
}
