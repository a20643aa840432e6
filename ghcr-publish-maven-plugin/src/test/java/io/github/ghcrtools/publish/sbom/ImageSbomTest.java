package io.github.ghcrtools.publish.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.reactor.RunShared;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.publish.image.BaseImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSbomTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIGEST = "sha256:" + "f".repeat(64);
  private static final String BASE_DIGEST = "sha256:" + "b".repeat(64);

  @TempDir Path dir;

  private JsonNode sbom(BaseImage base) throws Exception {
    Path jar = Files.write(dir.resolve("commons-codec-1.17.1.jar"), new byte[] {7, 7});
    Path extra = dir.resolve("src/main/jib");
    Files.createDirectories(extra.resolve("etc"));
    Files.writeString(extra.resolve("etc/app.conf"), "port=8080\n");
    ImageSbom sbom =
        new ImageSbom(
            "ghcr.io/acme/api",
            new MavenFile("it.sample", "api", "1.0.0", null, "jar", null),
            List.of(new MavenFile("commons-codec", "commons-codec", "1.17.1", null, "jar", jar)),
            "/app",
            List.of(extra, dir.resolve("missing")),
            base,
            Instant.parse("2026-01-01T00:00:00Z"),
            dir.resolve("target/ghcr/api.cdx.json"));
    Files.deleteIfExists(dir.resolve("target/ghcr/api.cdx.json")); // each case its own image
    return JSON.readTree(sbom.write(DIGEST, RunShared.local()).toFile());
  }

  private static Map<String, JsonNode> byType(JsonNode bom) {
    Map<String, JsonNode> found = new TreeMap<>();
    bom.path("components").forEach(c -> found.put(c.path("type").asText(), c));
    return found;
  }

  @Test
  void theApplicationItsJarsItsExtraFilesAndThePinnedBase() throws Exception {
    JsonNode bom =
        sbom(new BaseImage.Registry("ghcr.io/acme/base:1@" + BASE_DIGEST, "ghcr.io", true));

    Map<String, JsonNode> components = byType(bom);
    assertEquals(
        "pkg:maven/it.sample/api@1.0.0", components.get("application").path("purl").asText());
    JsonNode jar = components.get("library");
    assertEquals(
        Sha256.digestOf(new byte[] {7, 7}).substring(7),
        jar.path("hashes").get(0).path("content").asText());
    assertEquals(
        "/app/libs/commons-codec-1.17.1.jar", jar.path("properties").get(0).path("value").asText());
    assertEquals("/etc/app.conf", components.get("file").path("name").asText());
    JsonNode base = components.get("container");
    assertEquals(BASE_DIGEST, base.path("version").asText());
    assertEquals(
        "pkg:oci/base@sha256%3A" + "b".repeat(64) + "?repository_url=ghcr.io%2Facme%2Fbase",
        base.path("purl").asText());
    assertEquals(DIGEST, bom.path("metadata").path("component").path("version").asText());
  }

  @Test
  void scratchAndAnUnpinnedBaseHaveNoDigest() throws Exception {
    assertEquals(
        "scratch", byType(sbom(new BaseImage.Scratch())).get("container").path("name").asText());
    JsonNode unpinned =
        byType(sbom(new BaseImage.Registry("ghcr.io/acme/base:1", "ghcr.io", true)))
            .get("container");
    assertEquals("ghcr.io/acme/base:1", unpinned.path("name").asText());
    assertEquals("", unpinned.path("version").asText(""));
  }

  @Test
  void aLocalTarBaseCarriesTheSha256OfTheFileButClaimsNoOciDigest() throws Exception {
    Path tar = Files.write(dir.resolve("base.tar"), new byte[] {1, 2});
    JsonNode base = byType(sbom(new BaseImage.LocalTar(tar))).get("container");
    assertEquals("base.tar", base.path("name").asText());
    assertEquals(
        Sha256.digestOf(new byte[] {1, 2}).substring(7),
        base.path("hashes").get(0).path("content").asText());
    assertEquals("", base.path("version").asText(""));
    assertEquals("", base.path("purl").asText(""));
  }

  @Test
  void aFileTwoExtraDirectoriesShareIsListedOnceAsTheLaterOne() throws Exception {
    Path later = dir.resolve("src/main/jib-overlay");
    Files.createDirectories(later.resolve("etc"));
    Files.writeString(later.resolve("etc/app.conf"), "port=9090\n");
    Path jar = Files.write(dir.resolve("codec.jar"), new byte[] {7});
    Path extra = dir.resolve("src/main/jib");
    Files.createDirectories(extra.resolve("etc"));
    Files.writeString(extra.resolve("etc/app.conf"), "port=8080\n");
    ImageSbom sbom =
        new ImageSbom(
            "ghcr.io/acme/api",
            new MavenFile("it.sample", "api", "1.0.0", null, "jar", null),
            List.of(new MavenFile("g", "codec", "1", null, "jar", jar)),
            "/app",
            List.of(extra, later),
            new BaseImage.Scratch(),
            Instant.parse("2026-01-01T00:00:00Z"),
            dir.resolve("target/ghcr/api.cdx.json"));

    JsonNode bom = JSON.readTree(sbom.write(DIGEST, RunShared.local()).toFile());

    List<JsonNode> files = new java.util.ArrayList<>();
    bom.path("components")
        .forEach(
            c -> {
              if (c.path("type").asText().equals("file")) {
                files.add(c);
              }
            });
    assertEquals(1, files.size(), files.toString());
    assertEquals(
        Sha256.digestOf("port=9090\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .substring(7),
        files.get(0).path("hashes").get(0).path("content").asText());
  }

  @Test
  void theSbomOfTheSameDigestIsKeptAndAnotherDigestWritesItAnew() throws Exception {
    JsonNode first = sbom(new BaseImage.Scratch());
    Files.write(dir.resolve("commons-codec-1.17.1.jar"), new byte[] {9}); // not read again
    ImageSbom other =
        new ImageSbom(
            "ghcr.io/acme/api",
            new MavenFile("it.sample", "api", "1.0.0", null, "jar", null),
            List.of(
                new MavenFile(
                    "commons-codec",
                    "commons-codec",
                    "1.17.1",
                    null,
                    "jar",
                    dir.resolve("commons-codec-1.17.1.jar"))),
            "/app",
            List.of(),
            new BaseImage.Scratch(),
            Instant.parse("2026-01-01T00:00:00Z"),
            dir.resolve("target/ghcr/api.cdx.json"));
    other.write(DIGEST, RunShared.local());
    assertEquals(first, JSON.readTree(dir.resolve("target/ghcr/api.cdx.json").toFile()));

    JsonNode again =
        JSON.readTree(other.write("sha256:" + "9".repeat(64), RunShared.local()).toFile());
    assertEquals(
        Sha256.digestOf(new byte[] {9}).substring(7),
        byType(again).get("library").path("hashes").get(0).path("content").asText());
  }
}
