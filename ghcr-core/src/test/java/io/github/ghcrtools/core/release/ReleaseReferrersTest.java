package io.github.ghcrtools.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.referrers.MemoryRegistry;
import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.core.registry.FakeGhcr;
import io.github.ghcrtools.core.registry.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseReferrersTest {

  private static final String IMAGE_TYPE = "application/vnd.oci.image.manifest.v1+json";

  @TempDir Path dir;

  @Test
  void referrersGoAfterTheImmutableTagsAndBeforeTheMovingOnesAndIntoTheRecord() throws Exception {
    MemoryRegistry registry = new MemoryRegistry();
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"" + IMAGE_TYPE + "\",\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    String digest = Sha256.digestOf(manifest);
    Path sbom = Files.writeString(dir.resolve("api.cdx.json"), "{\"bomFormat\":\"CycloneDX\"}");
    PreparedArtifact artifact =
        new PreparedArtifact(
            "it:api",
            ArtifactKind.IMAGE,
            "api",
            "ghcr.io/acme/api",
            digest,
            IMAGE_TYPE,
            PreparedArtifact.encode(manifest),
            "1.0.0",
            List.of("1.0.0", "latest"),
            List.of("1.0.0"),
            Map.of("latest", ""),
            null,
            Instant.parse("2026-01-01T00:00:00Z"),
            "Published api",
            dir.resolve("records").toString(),
            List.of(),
            "target/ghcr/api.cdx.json",
            List.of(
                new Referrer(Referrer.CYCLONEDX, Referrer.CYCLONEDX, sbom.toString(), Map.of())));
    RegistryCredentials credentials =
        new RegistryCredentials("octocat", Secret.of("ghp_secret123456"), "env GHCR_TOKEN");

    List<PublishRecord> records =
        new ReleasePublisher(
                credentials,
                repository -> registry.client(),
                new ReleaseReport(Optional.of(dir.resolve("out")), Optional.empty()),
                line -> {})
            .publish(List.of(artifact));

    List<String> puts = new ArrayList<>();
    for (FakeGhcr.Sent sent : registry.http.sent) {
      String path = sent.uri().getPath();
      if (sent.method().equals("PUT") && path.contains("/manifests/")) {
        String reference = path.substring(path.lastIndexOf('/') + 1);
        puts.add(reference.startsWith("sha256:") ? "by digest" : reference);
      }
    }
    String indexTag = "sha256-" + digest.substring(7);
    assertEquals(List.of("1.0.0", "by digest", indexTag, "latest"), puts);
    PublishRecord record = records.get(0);
    assertEquals("target/ghcr/api.cdx.json", record.sbom());
    assertEquals(1, record.referrers().size());
    assertEquals(Referrer.CYCLONEDX, record.referrers().get(0).artifactType());
    String outputs = Files.readString(dir.resolve("out"));
    assertTrue(
        outputs.contains("image-api-sbom-digest=" + record.referrers().get(0).digest()), outputs);
  }
}
