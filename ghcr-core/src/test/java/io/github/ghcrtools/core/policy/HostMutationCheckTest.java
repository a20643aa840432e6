package io.github.ghcrtools.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostMutationCheckTest {

  @TempDir Path dir;

  @Test
  void cleanHostHasNoFindings() throws IOException {
    Path hosts =
        Files.writeString(
            dir.resolve("hosts"),
            """
                127.0.0.1 localhost
                # 10.0.0.5 ghcr.io
                10.0.0.6 ghcr.io.example.com notghcr.io
                """);
    Path daemon =
        Files.writeString(
            dir.resolve("daemon.json"),
            "{\"insecure-registries\": [], \"registry-mirrors\": [], \"log-driver\": \"json-file\"}");
    assertEquals(List.of(), HostMutationCheck.findings(hosts, daemon));
  }

  @Test
  void missingFilesHaveNoFindings() {
    assertEquals(
        List.of(), HostMutationCheck.findings(dir.resolve("hosts"), dir.resolve("daemon.json")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"10.0.0.5 ghcr.io", "10.0.0.5\tregistry GHCR.IO", "10.0.0.5 ghcr.io. # pinned"})
  void reportsHostsLinesForGhcr(String line) throws IOException {
    Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n" + line + "\n");
    assertEquals(
        List.of(
            hosts
                + " line 2 maps ghcr.io to 10.0.0.5; remove that line, ghcr.io must resolve"
                + " through DNS."),
        HostMutationCheck.findings(hosts, null));
  }

  @Test
  void reportsDockerMirrorsAndInsecureRegistries() throws IOException {
    Path daemon =
        Files.writeString(
            dir.resolve("daemon.json"),
            "{\"insecure-registries\": [\"ghcr.io\"], \"registry-mirrors\": [\"https://mirror.example\"]}");
    String fix =
        "; remove it, registry traffic must not be redirected or sent without verified TLS.";
    assertEquals(
        List.of(
            daemon + " sets insecure-registries [\"ghcr.io\"]" + fix,
            daemon + " sets registry-mirrors [\"https://mirror.example\"]" + fix),
        HostMutationCheck.findings(dir.resolve("hosts"), daemon));
  }

  @Test
  void reportsUnreadableDaemonJson() throws IOException {
    Path daemon = Files.writeString(dir.resolve("daemon.json"), "{\n\"insecure-registries\": [\n");
    assertEquals(
        List.of(
            daemon + ": not valid JSON (line 3); fix it so its registry settings can be verified."),
        HostMutationCheck.findings(null, daemon));
  }
}
