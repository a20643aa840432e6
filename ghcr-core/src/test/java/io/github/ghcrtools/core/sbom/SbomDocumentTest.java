package io.github.ghcrtools.core.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.reactor.RunShared;
import io.github.ghcrtools.core.registry.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomDocumentTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIGEST = "sha256:" + "c".repeat(64);
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private byte[] sbom(String digest, Path jar) throws Exception {
    Component image = SbomComponents.container("ghcr.io/acme/api", "ghcr.io/acme/api", digest);
    image.setBomRef("image");
    return SbomDocument.json(
        image,
        digest,
        CREATED,
        List.of(
            SbomComponents.at(
                SbomComponents.maven(
                    Component.Type.LIBRARY,
                    "commons-codec",
                    "commons-codec",
                    "1.17.1",
                    null,
                    "jar",
                    jar),
                "/app/libs/commons-codec-1.17.1.jar"),
            SbomComponents.container("scratch", null, null),
            SbomComponents.maven(
                Component.Type.APPLICATION, "it.sample", "api", "1.0.0", null, "jar", null)),
        RunShared.local());
  }

  @Test
  void theSameInputsGiveTheSameBytesAndAnotherDigestAnotherSerialNumber() throws Exception {
    Path jar = Files.write(dir.resolve("codec.jar"), new byte[] {1, 2, 3});

    byte[] first = sbom(DIGEST, jar);
    assertArrayEquals(first, sbom(DIGEST, jar));
    JsonNode a = JSON.readTree(first);
    JsonNode b = JSON.readTree(sbom("sha256:" + "d".repeat(64), jar));
    assertNotEquals(a.path("serialNumber"), b.path("serialNumber"));
    assertTrue(a.path("serialNumber").asText().startsWith("urn:uuid:"));
    assertEquals("2026-01-01T00:00:00Z", a.path("metadata").path("timestamp").asText());
    assertEquals("1.6", a.path("specVersion").asText());
  }

  @Test
  void aJarIsListedByPurlWithItsSha256AndItsPathInTheImage() throws Exception {
    Path jar = Files.write(dir.resolve("codec.jar"), new byte[] {1, 2, 3});

    JsonNode bom = JSON.readTree(sbom(DIGEST, jar));

    JsonNode library = null;
    for (JsonNode component : bom.path("components")) {
      if (component.path("type").asText().equals("library")) {
        library = component;
      }
    }
    assertEquals("pkg:maven/commons-codec/commons-codec@1.17.1", library.path("purl").asText());
    assertEquals("SHA-256", library.path("hashes").get(0).path("alg").asText());
    assertEquals(
        Sha256.digestOf(new byte[] {1, 2, 3}).substring(7),
        library.path("hashes").get(0).path("content").asText());
    assertEquals(
        "/app/libs/commons-codec-1.17.1.jar",
        library.path("properties").get(0).path("value").asText());
    JsonNode subject = bom.path("metadata").path("component");
    assertEquals("container", subject.path("type").asText());
    assertEquals(DIGEST, subject.path("version").asText());
    assertTrue(
        subject.path("purl").asText().startsWith("pkg:oci/api@sha256%3A"),
        subject.path("purl").asText());
  }

  @Test
  void componentsAreSortedSoTheirOrderOfArrivalDoesNotMatter() throws Exception {
    Path jar = Files.write(dir.resolve("codec.jar"), new byte[] {1});
    JsonNode bom = JSON.readTree(sbom(DIGEST, jar));
    assertEquals("application", bom.path("components").get(0).path("type").asText());
    assertEquals("container", bom.path("components").get(1).path("type").asText());
    assertEquals("library", bom.path("components").get(2).path("type").asText());
  }

  @Test
  void theSchemaCheckFindsWhatCycloneDxForbids() throws Exception {
    byte[] valid = sbom(DIGEST, Files.write(dir.resolve("codec.jar"), new byte[] {1}));
    assertEquals(List.of(), SbomSchema.violations(JSON.readTree(valid)));

    com.fasterxml.jackson.databind.node.ObjectNode broken =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(valid);
    broken.put("bomFormat", "SPDX");
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("components").get(0))
        .remove("name");
    List<String> violations = SbomSchema.violations(broken);
    assertEquals(2, violations.size(), violations.toString());
    assertTrue(violations.toString().contains("bomFormat"), violations.toString());
    assertTrue(violations.toString().contains("name"), violations.toString());
  }

  @Test
  void writingTheSameBytesAgainLeavesTheFileAlone() throws Exception {
    Path file = dir.resolve("target/ghcr/api.cdx.json");
    byte[] bytes = sbom(DIGEST, Files.write(dir.resolve("codec.jar"), new byte[] {1}));
    SbomDocument.write(file, bytes);
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(CREATED));

    SbomDocument.write(file, bytes);

    assertEquals(CREATED, Files.getLastModifiedTime(file).toInstant());
    assertFalse(Files.exists(dir.resolve("target/ghcr/api.cdx.json.tmp")));
  }
}
