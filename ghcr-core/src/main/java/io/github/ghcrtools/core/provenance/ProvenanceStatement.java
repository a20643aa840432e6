package io.github.ghcrtools.core.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An in-toto Statement v1 carrying SLSA provenance v1 for one pushed image, index or chart: what
 * was built (the subject digest), from what (the commit, the base image, the Maven dependencies, as
 * the SBOM lists them), by which workflow run. Unsigned here; the signing issue wraps it in DSSE.
 * The build type is documented in the README under "Provenance build type v1".
 */
public final class ProvenanceStatement {

  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
  public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
  public static final String BUILD_TYPE =
      "https://github.com/ghcrtools/ghcr-maven-plugins/blob/main/README.md#provenance-build-type-v1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ProvenanceStatement() {}

  /**
   * @param subjectName {@code ghcr.io/<owner>/<path>}
   * @param subjectDigest {@code sha256:<hex>} of what was pushed
   * @param env the build's environment (GitHub Actions' variables; never a secret is read)
   * @param sbom the subject's CycloneDX SBOM, whose components become resolved dependencies
   * @param toolVersion this plugin suite's version
   * @param startedOn when the Maven run started
   */
  public static byte[] json(
      String subjectName,
      String subjectDigest,
      Map<String, String> env,
      Optional<Path> sbom,
      String toolVersion,
      Instant startedOn)
      throws IOException {
    ObjectNode statement = JSON.createObjectNode();
    statement.put("_type", STATEMENT_TYPE);
    ObjectNode subject = statement.putArray("subject").addObject();
    subject.put("name", subjectName);
    int colon = subjectDigest.indexOf(':');
    subject
        .putObject("digest")
        .put(subjectDigest.substring(0, colon), subjectDigest.substring(colon + 1));
    statement.put("predicateType", PREDICATE_TYPE);
    ObjectNode predicate = statement.putObject("predicate");

    ObjectNode definition = predicate.putObject("buildDefinition");
    definition.put("buildType", BUILD_TYPE);
    String server = value(env, "GITHUB_SERVER_URL").orElse("https://github.com");
    Optional<String> repository = value(env, "GITHUB_REPOSITORY");
    ObjectNode external = definition.putObject("externalParameters");
    ObjectNode workflow = external.putObject("workflow");
    value(env, "GITHUB_REF").ifPresent(ref -> workflow.put("ref", ref));
    repository.ifPresent(r -> workflow.put("repository", server + "/" + r));
    workflowPath(env).ifPresent(path -> workflow.put("path", path));
    value(env, "GITHUB_EVENT_NAME").ifPresent(event -> external.put("event", event));
    ObjectNode internal = definition.putObject("internalParameters").putObject("github");
    value(env, "GITHUB_EVENT_NAME").ifPresent(v -> internal.put("event_name", v));
    value(env, "GITHUB_REPOSITORY_ID").ifPresent(v -> internal.put("repository_id", v));
    value(env, "GITHUB_REPOSITORY_OWNER_ID").ifPresent(v -> internal.put("repository_owner_id", v));
    value(env, "RUNNER_ENVIRONMENT").ifPresent(v -> internal.put("runner_environment", v));

    ArrayNode dependencies = definition.putArray("resolvedDependencies");
    Optional<String> sha = value(env, "GITHUB_SHA");
    if (sha.isPresent()) {
      ObjectNode commit = dependencies.addObject();
      commit.put(
          "uri",
          "git+"
              + server
              + "/"
              + repository.orElse("")
              + value(env, "GITHUB_REF").map(ref -> "@" + ref).orElse(""));
      commit.putObject("digest").put("gitCommit", sha.get());
    }
    if (sbom.isPresent()) {
      addComponents(dependencies, JSON.readTree(sbom.get().toFile()));
    }

    ObjectNode run = predicate.putObject("runDetails");
    ObjectNode builder = run.putObject("builder");
    builder.put(
        "id",
        "https://github.com/actions/runner/"
            + value(env, "RUNNER_ENVIRONMENT").orElse("github-hosted"));
    builder.putObject("version").put("ghcr-maven-plugins", toolVersion);
    ObjectNode metadata = run.putObject("metadata");
    Optional<String> runId = value(env, "GITHUB_RUN_ID");
    if (repository.isPresent() && runId.isPresent()) {
      metadata.put(
          "invocationId",
          server
              + "/"
              + repository.get()
              + "/actions/runs/"
              + runId.get()
              + "/attempts/"
              + value(env, "GITHUB_RUN_ATTEMPT").orElse("1"));
    }
    metadata.put("startedOn", startedOn.toString());
    try {
      return (JSON.writeValueAsString(statement) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code .github/workflows/publish.yml} from {@code GITHUB_WORKFLOW_REF} ({@code
   * owner/repo/.github/workflows/publish.yml@refs/heads/main}).
   */
  static Optional<String> workflowPath(Map<String, String> env) {
    return value(env, "GITHUB_WORKFLOW_REF")
        .map(
            ref -> {
              String path = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
              int start = path.indexOf("/.github/");
              return start >= 0 ? path.substring(start + 1) : path;
            });
  }

  /** Each SBOM component with a purl and a SHA-256: the jars, the base image. */
  private static void addComponents(ArrayNode dependencies, JsonNode sbom) {
    for (JsonNode component : sbom.path("components")) {
      String purl = component.path("purl").asText("");
      if (purl.isEmpty()) {
        continue;
      }
      for (JsonNode hash : component.path("hashes")) {
        if ("SHA-256".equals(hash.path("alg").asText())) {
          ObjectNode dependency = dependencies.addObject();
          dependency.put("uri", purl);
          dependency.putObject("digest").put("sha256", hash.path("content").asText());
        }
      }
    }
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** Writes the statement next to the build's other outputs. */
  public static Path write(Path file, byte[] statement) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, statement);
    return file;
  }
}
