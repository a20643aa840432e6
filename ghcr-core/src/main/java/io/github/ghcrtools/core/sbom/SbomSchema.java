package io.github.ghcrtools.core.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The CycloneDX 1.6 JSON schema that {@code cyclonedx-core-java} ships (with the SPDX and JSF
 * schemas it refers to), compiled once per JVM: the library's own validator compiles it again for
 * every document and logs a warning for each CycloneDX-specific keyword ({@code meta:enum}, {@code
 * deprecated}) into the Maven log. Here those keywords are known annotations, and a reactor of many
 * images pays for the schema once.
 */
final class SbomSchema {

  private static final String BASE = "http://cyclonedx.org/schema/";
  private static final String BOM = "bom-1.6.schema.json";

  private SbomSchema() {}

  /** The messages of every schema violation of {@code sbom}; empty when it is valid. */
  static List<String> violations(JsonNode sbom) {
    return Holder.SCHEMA.validate(sbom).stream().map(ValidationMessage::getMessage).toList();
  }

  private static final class Holder {
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

  /**
   * Compiles the schema on a daemon thread, so a goal that makes an SBOM after its build finds it
   * ready (about half a second of CPU, spent while the image or chart is built).
   */
  static void warmUp() {
    Thread thread = new Thread(() -> Holder.SCHEMA.hashCode(), "ghcr-sbom-schema");
    thread.setDaemon(true);
    thread.start();
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
