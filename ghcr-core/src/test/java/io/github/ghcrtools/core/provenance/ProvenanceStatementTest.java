package io.github.ghcrtools.core.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceStatementTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIGEST = "sha256:" + "e".repeat(64);
  private static final Map<String, String> ENV =
      Map.of(
          "GITHUB_SERVER_URL", "https://github.com",
          "GITHUB_REPOSITORY", "acme/pytoya",
          "GITHUB_REF", "refs/tags/v1.2.3",
          "GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567",
          "GITHUB_EVENT_NAME", "push",
          "GITHUB_WORKFLOW_REF", "acme/pytoya/.github/workflows/publish.yml@refs/tags/v1.2.3",
          "GITHUB_RUN_ID", "42",
          "GITHUB_RUN_ATTEMPT", "2",
          "GHCR_TOKEN", "ghp_neverInTheStatement0123456789abcdef");

  @TempDir Path dir;

  @Test
  void aStatementAboutThePushedDigestFromThisWorkflowRun() throws Exception {
    JsonNode statement =
        JSON.readTree(
            ProvenanceStatement.json(
                "ghcr.io/acme/api",
                DIGEST,
                ENV,
                Optional.empty(),
                "0.1.0",
                Instant.parse("2026-01-01T10:00:00Z")));

    assertEquals("https://in-toto.io/Statement/v1", statement.path("_type").asText());
    assertEquals("https://slsa.dev/provenance/v1", statement.path("predicateType").asText());
    assertEquals("ghcr.io/acme/api", statement.path("subject").get(0).path("name").asText());
    assertEquals(
        "e".repeat(64), statement.path("subject").get(0).path("digest").path("sha256").asText());
    JsonNode definition = statement.path("predicate").path("buildDefinition");
    assertEquals(ProvenanceStatement.BUILD_TYPE, definition.path("buildType").asText());
    JsonNode workflow = definition.path("externalParameters").path("workflow");
    assertEquals("refs/tags/v1.2.3", workflow.path("ref").asText());
    assertEquals("https://github.com/acme/pytoya", workflow.path("repository").asText());
    assertEquals(".github/workflows/publish.yml", workflow.path("path").asText());
    assertEquals("push", definition.path("externalParameters").path("event").asText());
    JsonNode commit = definition.path("resolvedDependencies").get(0);
    assertEquals(
        "git+https://github.com/acme/pytoya@refs/tags/v1.2.3", commit.path("uri").asText());
    assertEquals(ENV.get("GITHUB_SHA"), commit.path("digest").path("gitCommit").asText());
    JsonNode metadata = statement.path("predicate").path("runDetails").path("metadata");
    assertEquals(
        "https://github.com/acme/pytoya/actions/runs/42/attempts/2",
        metadata.path("invocationId").asText());
    assertEquals("2026-01-01T10:00:00Z", metadata.path("startedOn").asText());
    assertFalse(statement.toString().contains("ghp_"), "a token in the statement");
  }

  @Test
  void theSbomsHashedComponentsAreResolvedDependencies() throws Exception {
    Path sbom =
        Files.writeString(
            dir.resolve("api.cdx.json"),
            "{\"components\":[{\"type\":\"library\",\"name\":\"codec\","
                + "\"purl\":\"pkg:maven/commons-codec/commons-codec@1.17.1\","
                + "\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\""
                + "1".repeat(64)
                + "\"}]},{\"type\":\"container\",\"name\":\"scratch\"},"
                + "{\"type\":\"application\",\"name\":\"api\",\"purl\":\"pkg:maven/a/api@1\"}]}");

    JsonNode dependencies =
        JSON.readTree(
                ProvenanceStatement.json(
                    "ghcr.io/acme/api", DIGEST, ENV, Optional.of(sbom), "0.1.0", Instant.EPOCH))
            .path("predicate")
            .path("buildDefinition")
            .path("resolvedDependencies");

    assertEquals(2, dependencies.size(), dependencies.toString());
    assertEquals(
        "pkg:maven/commons-codec/commons-codec@1.17.1", dependencies.get(1).path("uri").asText());
    assertEquals("1".repeat(64), dependencies.get(1).path("digest").path("sha256").asText());
  }

  @Test
  void outsideActionsThereIsNoInvocationOrCommit() throws Exception {
    JsonNode statement =
        JSON.readTree(
            ProvenanceStatement.json(
                "ghcr.io/acme/api", DIGEST, Map.of(), Optional.empty(), "0.1.0", Instant.EPOCH));
    JsonNode predicate = statement.path("predicate");
    assertTrue(predicate.path("runDetails").path("metadata").path("invocationId").isMissingNode());
    assertEquals(0, predicate.path("buildDefinition").path("resolvedDependencies").size());
  }
}
