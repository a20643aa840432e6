package io.github.ghcrtools.core.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.ghcrtools.core.reactor.HeadStart;
import io.github.ghcrtools.core.reactor.RunShared;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * The CycloneDX 1.6 JSON schema that {@code cyclonedx-core-java} ships (with the SPDX and JSF
 * schemas it refers to), compiled once per JVM: the library's own validator compiles it again for
 * every document and logs a warning for each CycloneDX-specific keyword ({@code meta:enum}, {@code
 * deprecated}) into the Maven log. Here those keywords are known annotations, and a reactor of many
 * images pays for the schema once.
 *
 * <p>Once per run, in fact: the three plugins each bundle this library, so each plugin realm has a
 * class of its own, and compiling takes about a second of CPU. The first realm of a run to need the
 * schema compiles it and leaves, in the run's data map, a task whose result is a function from an
 * SBOM's bytes to its violations: JDK types only, which every realm can call ({@link RunShared}).
 */
final class SbomSchema {

  private static final String BASE = "http://cyclonedx.org/schema/";
  private static final String BOM = "bom-1.6.schema.json";

  /**
   * The key of the run's check: the schema's version, this library's (which configures the
   * validator) and the libraries that ship and read the schema, so plugins of different releases in
   * one build share only the same check.
   */
  static final String KEY =
      "io.github.ghcrtools.sbom-schema/"
          + BOM
          + "/ghcr-core-"
          + libraryVersion("io.github.ghcrtools", "ghcr-core")
          + "/cyclonedx-core-java-"
          + libraryVersion("org.cyclonedx", "cyclonedx-core-java")
          + "/json-schema-validator-"
          + libraryVersion("com.networknt", "json-schema-validator");

  private SbomSchema() {}

  /** The messages of every schema violation of {@code sbom}; empty when it is valid. */
  static List<String> violations(JsonNode sbom) {
    return Holder.SCHEMA.validate(sbom).stream().map(ValidationMessage::getMessage).toList();
  }

  /**
   * The violations of the SBOM {@code json}, by the run's check: compiled here unless a goal of the
   * run (in any plugin) has compiled it or is compiling it, then waited for.
   */
  static List<String> violations(byte[] json, RunShared run) {
    FutureTask<Function<byte[], List<String>>> check = runCheck(run);
    check.run(); // compiles here unless it has started elsewhere
    try {
      return check.get().apply(json);
    } catch (ExecutionException e) {
      // the realm that compiled it failed: this one's schema tells the true cause
      return violations(read(json));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the CycloneDX schema compiled", e);
    }
  }

  /**
   * Compiles the run's check on a daemon thread, so a goal that makes an SBOM after its build finds
   * it ready (about a second of CPU, spent while the image or chart is built); nothing when a goal
   * of the run has started it already.
   */
  static void warmUp(RunShared run) {
    FutureTask<Function<byte[], List<String>>> check = runCheck(run);
    if (!check.isDone()) {
      HeadStart.start("ghcr-sbom-schema", check::run);
    }
  }

  /** The run's check, made (not yet run) on first use. */
  @SuppressWarnings("unchecked")
  private static FutureTask<Function<byte[], List<String>>> runCheck(RunShared run) {
    return (FutureTask<Function<byte[], List<String>>>)
        run.get(
            KEY,
            () ->
                new FutureTask<Function<byte[], List<String>>>(
                    () -> {
                      JsonSchema schema = Holder.SCHEMA;
                      return json ->
                          schema.validate(read(json)).stream()
                              .map(ValidationMessage::getMessage)
                              .toList();
                    }));
  }

  private static JsonNode read(byte[] json) {
    try {
      return Holder.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back the SBOM", e);
    }
  }

  /** Made on first use, off the goal's thread when warmed up. */
  private static final class Holder {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonSchema SCHEMA = load();
  }

  private static JsonSchema load() {
    Map<String, String> schemas =
        Map.of(
            BASE + BOM, resource(BOM),
            BASE + "spdx.schema.json", resource("spdx.schema.json"),
            BASE + "jsf-0.82.schema.json", resource("jsf-0.82.schema.json"));
    JsonMetaSchema draft7 =
        JsonMetaSchema.builder(JsonMetaSchema.getV7())
            .keyword(new NonValidationKeyword("meta:enum"))
            .keyword(new NonValidationKeyword("deprecated"))
            .build();
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V7,
            builder ->
                builder.metaSchema(draft7).schemaLoaders(loaders -> loaders.schemas(schemas)));
    JsonSchema schema = factory.getSchema(SchemaLocation.of(BASE + BOM));
    schema.initializeValidators(); // now, once: its lazy loading is not safe across threads (-T)
    return schema;
  }

  /** The version in the bundled library's {@code pom.properties}, or "unknown". */
  private static String libraryVersion(String groupId, String artifactId) {
    String name = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = SbomSchema.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String resource(String name) {
    try (InputStream in = org.cyclonedx.Version.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("cyclonedx-core-java has no " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from cyclonedx-core-java", e);
    }
  }
}
