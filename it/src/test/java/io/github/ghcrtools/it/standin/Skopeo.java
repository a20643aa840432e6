package io.github.ghcrtools.it.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * skopeo, the independent witness of what landed in the registry: a different client (Go,
 * containers/image) that reaches "ghcr.io" through the same proxy and trusts only the test CA.
 *
 * <p>It runs hermetically: its own HOME, an empty {@code registries.conf} (no mirror or alias can
 * redirect ghcr.io), an accept-anything signature policy for {@code copy}, and an auth file holding
 * the stand-in's credentials for ghcr.io, which every subcommand (inspect, copy, delete, list-tags)
 * uses without a {@code --creds} flag.
 */
public final class Skopeo {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final List<String> PROXY_VARIABLES =
      List.of(
          "HTTP_PROXY",
          "http_proxy",
          "HTTPS_PROXY",
          "https_proxy",
          "ALL_PROXY",
          "all_proxy",
          "NO_PROXY",
          "no_proxy");

  private final Path workDir;
  private final Map<String, String> environment;
  private final Path policy;

  private Skopeo(Path workDir, Map<String, String> environment, Path policy) {
    this.workDir = workDir;
    this.environment = environment;
    this.policy = policy;
  }

  /** Prepares skopeo's private files under {@code workDir}. */
  static Skopeo create(
      Path workDir, int proxyPort, TestCertificates certificates, String user, String password) {
    try {
      Files.createDirectories(workDir.resolve("home"));
      ObjectMapper json = new ObjectMapper();
      Path policy = workDir.resolve("policy.json");
      json.writeValue(
          policy.toFile(), Map.of("default", List.of(Map.of("type", "insecureAcceptAnything"))));
      Path registriesConf = workDir.resolve("registries.conf");
      Files.writeString(registriesConf, "");
      Path authFile = workDir.resolve("auth.json");
      String auth =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      json.writeValue(authFile.toFile(), Map.of("auths", Map.of("ghcr.io", Map.of("auth", auth))));

      Map<String, String> environment = new HashMap<>();
      PROXY_VARIABLES.forEach(name -> environment.put(name, null));
      environment.put("DOCKER_CONFIG", null);
      environment.put("XDG_RUNTIME_DIR", null);
      environment.put("HTTPS_PROXY", "http://127.0.0.1:" + proxyPort);
      environment.put("SSL_CERT_FILE", certificates.caPem().toString());
      environment.put("HOME", workDir.resolve("home").toString());
      environment.put("CONTAINERS_REGISTRIES_CONF", registriesConf.toString());
      environment.put("REGISTRY_AUTH_FILE", authFile.toString());
      return new Skopeo(workDir, environment, policy);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare skopeo's files", e);
    }
  }

  /**
   * Runs {@code skopeo <args>} (after the global {@code --policy}); never throws on a non-zero
   * exit.
   */
  public ProcessResult run(String... args) {
    List<String> command = new ArrayList<>(List.of("skopeo", "--policy", policy.toString()));
    command.addAll(List.of(args));
    return ExternalCommand.run(command, environment, workDir, TIMEOUT);
  }

  /** The manifest exactly as stored, from {@code skopeo inspect --raw docker://<reference>}. */
  public String inspectRaw(String reference) {
    return run("inspect", "--raw", "docker://" + reference).requireSuccess().stdout();
  }

  /** The tags of a repository ({@code ghcr.io/owner/name}), as skopeo lists them. */
  public List<String> listTags(String repository) {
    String out = run("list-tags", "docker://" + repository).requireSuccess().stdout();
    try {
      List<String> tags = new ArrayList<>();
      new ObjectMapper().readTree(out).path("Tags").forEach(tag -> tags.add(tag.asText()));
      return tags;
    } catch (IOException e) {
      throw new IllegalStateException("skopeo list-tags printed no JSON: " + out, e);
    }
  }
}
