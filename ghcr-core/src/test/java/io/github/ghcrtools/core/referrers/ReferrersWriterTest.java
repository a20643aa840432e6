package io.github.ghcrtools.core.referrers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.artifact.ArtifactManifest;
import io.github.ghcrtools.core.registry.Manifest;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferrersWriterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] SUBJECT =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final String SUBJECT_DIGEST = Sha256.digestOf(SUBJECT);
  private static final String INDEX_TAG = "sha256-" + SUBJECT_DIGEST.substring(7);
  private static final String FOREIGN_DIGEST = "sha256:" + "a".repeat(64);
  private static final String FOREIGN =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
          + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"digest\":\""
          + FOREIGN_DIGEST
          + "\",\"size\":9,\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
          + "\"annotations\":{\"x\":\"y\"}}],\"annotations\":{\"kept\":\"yes\"}}";

  @TempDir Path dir;
  private final MemoryRegistry registry = new MemoryRegistry();
  private List<Referrer> referrers;

  @BeforeEach
  void files() throws IOException {
    registry.putManifest("1.0.0", "application/vnd.oci.image.manifest.v1+json", SUBJECT);
    Path sbom = Files.writeString(dir.resolve("api.cdx.json"), "{\"bomFormat\":\"CycloneDX\"}");
    Path provenance = Files.writeString(dir.resolve("api.provenance.json"), "{\"_type\":\"x\"}");
    referrers =
        List.of(
            new Referrer(
                Referrer.CYCLONEDX,
                Referrer.CYCLONEDX,
                sbom.toString(),
                Map.of("org.opencontainers.image.title", "api.cdx.json")),
            new Referrer(
                Referrer.IN_TOTO,
                Referrer.IN_TOTO,
                provenance.toString(),
                Map.of("org.opencontainers.image.title", "api.provenance.json")));
  }

  private List<ReferrersWriter.Attached> attach(boolean republish) throws IOException {
    try (OciRegistry client = registry.client()) {
      return attach(client, subject(), republish);
    }
  }

  /** As the release does it: the index read, then the referrers added to it. */
  private List<ReferrersWriter.Attached> attach(
      OciRegistry client, Optional<Manifest> subject, boolean republish) throws IOException {
    ReferrersWriter writer = new ReferrersWriter(client);
    return writer.attach(
        SUBJECT_DIGEST, subject, referrers, republish, writer.read(SUBJECT_DIGEST));
  }

  private static Optional<Manifest> subject() {
    return Optional.of(
        new Manifest(SUBJECT, "application/vnd.oci.image.manifest.v1+json", SUBJECT_DIGEST));
  }

  private long blobCalls() {
    return registry.http.count("HEAD", "/blobs/")
        + registry.http.count("POST", "/blobs/")
        + registry.http.count("PUT", "/blobs/");
  }

  private JsonNode index() throws IOException {
    return JSON.readTree(registry.manifests.get(registry.tags.get(INDEX_TAG)));
  }

  @Test
  void eachFileBecomesAnArtifactManifestAboutTheSubjectListedUnderTheReferrersTag()
      throws Exception {
    List<ReferrersWriter.Attached> attached = attach(false);

    assertEquals(2, attached.size());
    JsonNode index = index();
    assertEquals("application/vnd.oci.image.index.v1+json", index.path("mediaType").asText());
    assertEquals(2, index.path("manifests").size());
    for (int i = 0; i < 2; i++) {
      JsonNode entry = index.path("manifests").get(i);
      assertEquals(attached.get(i).digest(), entry.path("digest").asText());
      assertEquals(referrers.get(i).artifactType(), entry.path("artifactType").asText());
      JsonNode manifest = JSON.readTree(registry.manifests.get(attached.get(i).digest()));
      assertEquals(SUBJECT_DIGEST, manifest.path("subject").path("digest").asText());
      assertEquals(SUBJECT.length, manifest.path("subject").path("size").asInt());
      assertEquals(ArtifactManifest.EMPTY_DIGEST, manifest.path("config").path("digest").asText());
      String layer = manifest.path("layers").get(0).path("digest").asText();
      assertEquals(
          Files.readString(Path.of(referrers.get(i).file())),
          new String(registry.blobs.get(layer), StandardCharsets.UTF_8));
    }
    assertTrue(registry.blobs.containsKey(ArtifactManifest.EMPTY_DIGEST), "the empty config");
  }

  @Test
  void blobsSentAheadOfTheReleaseAreNeitherSentNorAskedAboutAgainInTheRun() throws Exception {
    try (OciRegistry client = registry.client()) {
      new ReferrersWriter(client).uploadBlobs(referrers, "");
      for (Referrer referrer : referrers) {
        assertTrue(registry.blobs.containsKey(Sha256.digestOf(Path.of(referrer.file()))));
      }
      assertTrue(registry.blobs.containsKey(ArtifactManifest.EMPTY_DIGEST), "the empty config");
      assertTrue(registry.tags.get(INDEX_TAG) == null, "nothing listed before the release");
      long blobCalls = blobCalls();

      attach(client, subject(), false);

      assertEquals(blobCalls, blobCalls(), "the release's attach made no blob request");
      assertEquals(2, index().path("manifests").size());
    }
  }

  @Test
  void aFileThatCannotBeSentIsNamedWithTheHint() throws Exception {
    Files.delete(Path.of(referrers.get(1).file()));
    try (OciRegistry client = registry.client()) {
      IOException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IOException.class,
              () -> new ReferrersWriter(client).uploadBlobs(referrers, " (set sbom=false)"));

      assertEquals(
          "Sending api.cdx.json, api.provenance.json failed (set sbom=false)", e.getMessage());
      assertTrue(e.getCause() instanceof java.nio.file.NoSuchFileException, e.toString());
    }
  }

  @Test
  void entriesAnotherToolWroteStayAsTheyWere() throws Exception {
    String foreign = FOREIGN;
    registry.putManifest(
        INDEX_TAG,
        "application/vnd.oci.image.index.v1+json",
        foreign.getBytes(StandardCharsets.UTF_8));

    attach(false);

    JsonNode index = index();
    assertEquals(3, index.path("manifests").size());
    assertEquals(JSON.readTree(foreign).path("manifests").get(0), index.path("manifests").get(0));
    assertEquals("yes", index.path("annotations").path("kept").asText());
  }

  @Test
  void anEntryAnotherToolWroteAfterTheReleaseReadTheIndexStays() throws Exception {
    List<ReferrersWriter.Attached> attached;
    try (OciRegistry client = registry.client()) {
      ReferrersWriter writer = new ReferrersWriter(client);
      ReferrersIndex readEarly = writer.read(SUBJECT_DIGEST); // with the release's tag checks
      // cosign, say, signs the new digest while the release signs and tags
      registry.putManifest(
          INDEX_TAG,
          "application/vnd.oci.image.index.v1+json",
          FOREIGN.getBytes(StandardCharsets.UTF_8));
      attached = writer.attach(SUBJECT_DIGEST, subject(), referrers, false, readEarly);
    }

    JsonNode index = index();
    assertEquals(3, index.path("manifests").size(), index.toString());
    assertEquals(FOREIGN_DIGEST, index.path("manifests").get(0).path("digest").asText());
    assertEquals(attached.get(0).digest(), index.path("manifests").get(1).path("digest").asText());
    assertEquals(1, registry.http.count("PUT", "/manifests/" + INDEX_TAG));
  }

  @Test
  void theSameFilesAgainAddNothingAndWriteNothing() throws Exception {
    List<ReferrersWriter.Attached> first = attach(false);
    long puts = registry.http.count("PUT", "/manifests/");

    assertEquals(first, attach(false));
    assertEquals(puts, registry.http.count("PUT", "/manifests/"), "a manifest written again");
    assertEquals(2, index().path("manifests").size());
  }

  @Test
  void aRepublishReadsTheIndexOnceAndKeepsTheEarlierRunsProvenance() throws Exception {
    List<ReferrersWriter.Attached> first = attach(false);
    Files.writeString(Path.of(referrers.get(1).file()), "{\"_type\":\"another run\"}");
    int before = registry.http.sent.size();

    List<ReferrersWriter.Attached> again = attach(true);

    List<String> calls = new ArrayList<>();
    registry.http.sent.subList(before, registry.http.sent.size()).stream()
        .filter(s -> !s.uri().getPath().equals("/token"))
        .forEach(s -> calls.add(s.method() + " " + s.uri().getPath()));
    assertEquals(List.of("GET /v2/acme/api/manifests/" + INDEX_TAG), calls);
    assertEquals(first, again);
  }

  @Test
  void aRepublishOfAReleaseWithoutReferrersAttachesThemReadingTheSubjectFromTheRegistry()
      throws Exception {
    List<ReferrersWriter.Attached> attached;
    try (OciRegistry client = registry.client()) {
      attached = attach(client, Optional.empty(), true);
    }
    assertEquals(2, attached.size());
    JsonNode manifest = JSON.readTree(registry.manifests.get(attached.get(0).digest()));
    assertEquals(SUBJECT.length, manifest.path("subject").path("size").asInt());
  }

  @Test
  void aWriterThatDroppedOursMeanwhileIsMergedWithAndOursWrittenAgain() throws Exception {
    registry.race(
        INDEX_TAG,
        "application/vnd.oci.image.index.v1+json",
        FOREIGN.getBytes(StandardCharsets.UTF_8));

    List<ReferrersWriter.Attached> attached = attach(false);

    JsonNode index = index();
    assertEquals(3, index.path("manifests").size(), index.toString());
    assertEquals(FOREIGN_DIGEST, index.path("manifests").get(0).path("digest").asText());
    assertEquals(attached.get(0).digest(), index.path("manifests").get(1).path("digest").asText());
    assertEquals(2, registry.http.count("PUT", "/manifests/" + INDEX_TAG));
  }

  @Test
  void aRepublishAddsOursWhenAnotherToolListedAFileOfTheSameType() throws Exception {
    String otherSbom =
        FOREIGN.replace(
            "application/vnd.dev.sigstore.bundle.v0.3+json", "application/vnd.cyclonedx+json");
    registry.putManifest(
        INDEX_TAG,
        "application/vnd.oci.image.index.v1+json",
        otherSbom.getBytes(StandardCharsets.UTF_8));

    List<ReferrersWriter.Attached> attached = attach(true);

    assertEquals(3, index().path("manifests").size());
    assertTrue(
        attached.stream().noneMatch(a -> a.digest().equals(FOREIGN_DIGEST)),
        "another tool's SBOM taken for ours: " + attached);
  }

  @Test
  void aReferrersTagThatIsNoIndexIsLeftAlone() {
    registry.putManifest(INDEX_TAG, "application/vnd.oci.image.manifest.v1+json", SUBJECT);

    IOException e = assertThrows(IOException.class, () -> attach(false));
    assertTrue(e.getMessage().contains("not an image index"), e.getMessage());
    assertEquals(SUBJECT_DIGEST, registry.tags.get(INDEX_TAG));
  }

  @Test
  void theTagOfADigestFollowsTheReferrersTagSchema() {
    assertEquals("sha256-" + "b".repeat(64), ReferrersIndex.tag("sha256:" + "b".repeat(64)));
  }
}
