package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.helm.oci.packaging.ChartPackager;
import io.github.ghcrtools.helm.oci.packaging.PackageRequest;
import io.github.ghcrtools.helm.oci.packaging.PackagedChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A project with a chart packaged by the real {@code package} code, and push requests for it in the
 * GitHub Actions situations the tests need.
 */
final class PushFixture {

  static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  static final String TOKEN = "ghp_secretTOKENvalue123";

  final Path project;
  final Map<String, String> env = new LinkedHashMap<>();
  final Map<String, String> properties = new LinkedHashMap<>();
  String owner;
  String chartsPrefix;
  boolean allowOverwrite;
  boolean allowLocalPush;
  Optional<RegistryCredentials> settingsCredentials = Optional.empty();

  PushFixture(Path project) {
    this.project = project;
    Path empty = project.resolve("empty-registries.conf");
    write(empty, "");
    env.put("CONTAINERS_REGISTRIES_CONF", empty.toString());
  }

  /** A tag push of v0.1.0 in GitHub Actions for owner acme, with a GHCR_TOKEN. */
  PushFixture tagPush() {
    github("push");
    env.put("GITHUB_REF", "refs/tags/v0.1.0");
    env.put("GITHUB_REF_NAME", "v0.1.0");
    env.put("GITHUB_REF_TYPE", "tag");
    return this;
  }

  PushFixture github(String event) {
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_EVENT_NAME", event);
    env.put("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567");
    env.put("GITHUB_REPOSITORY", "Acme/pytoya");
    env.put("GITHUB_REPOSITORY_OWNER", "Acme");
    env.put("GITHUB_ACTOR", "octo-dev");
    env.put("GITHUB_OUTPUT", outputFile().toString());
    env.put("GITHUB_STEP_SUMMARY", summaryFile().toString());
    env.put("GHCR_TOKEN", TOKEN);
    return this;
  }

  Path outputFile() {
    return project.resolve("github-output.txt");
  }

  Path summaryFile() {
    return project.resolve("github-summary.md");
  }

  /**
   * Writes {@code src/main/helm/<name>} with this Chart.yaml and one template, then packages it.
   */
  PackagedChart chart(String name, String chartYaml) {
    Path dir = project.resolve("src/main/helm").resolve(name);
    write(dir.resolve("Chart.yaml"), chartYaml);
    write(dir.resolve("values.yaml"), "greeting: hello\n");
    write(
        dir.resolve("templates/configmap.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting }}\n");
    return ChartPackager.pack(
        new PackageRequest(
            project,
            dir,
            project.resolve("target/helm"),
            project.resolve("target/ghcr-publish/build"),
            Optional.empty(),
            Optional.empty(),
            CREATED));
  }

  PackagedChart chart(String name, String version, String description) {
    return chart(
        name,
        "apiVersion: v2\nname: "
            + name
            + "\nversion: "
            + version
            + "\ndescription: "
            + description
            + "\ntype: application\n");
  }

  ChartPushRequest request(String chartName) {
    return new ChartPushRequest(
        "it.sample:" + chartName,
        project,
        project.resolve("target/ghcr-publish/build"),
        project.resolve("target/ghcr-publish/records"),
        chartName,
        owner,
        chartsPrefix,
        allowOverwrite,
        allowLocalPush,
        CREATED,
        env,
        properties,
        settingsCredentials,
        project.resolve("home"),
        null);
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
