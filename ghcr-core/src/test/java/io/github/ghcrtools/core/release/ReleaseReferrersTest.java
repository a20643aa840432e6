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
    PreparedArtifact artifact = withSbom("api", "1.0.0", "latest");
    String digest = artifact.digest();
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

  @Test
  void eachIndexIsReadWithTheTagChecksAndTheReferrersFollowEveryImmutableTag() throws Exception {
    MemoryRegistry registry = new MemoryRegistry();
    PreparedArtifact api = withSbom("api", "1.0.0", "latest");
    PreparedArtifact web = withSbom("web", "1.0.0-web", "web");
    RegistryCredentials credentials =
        new RegistryCredentials("octocat", Secret.of("ghp_secret123456"), "env GHCR_TOKEN");

    new ReleasePublisher(
            credentials,
            repository -> registry.client(),
            new ReleaseReport(Optional.empty(), Optional.empty()),
            line -> {})
        .publish(List.of(api, web));

    List<String> sent = new ArrayList<>();
    for (FakeGhcr.Sent request : registry.http.sent) {
      String path = request.uri().getPath();
      if (path.contains("/manifests/") && !path.contains("/manifests/sha256:")) {
        sent.add(request.method() + " " + path.substring(path.lastIndexOf('/') + 1));
      }
    }
    int firstPut = firstIndexOf(sent, "PUT ");
    int lastIndexPut = -1;
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i).startsWith("PUT sha256-")) {
        lastIndexPut = i;
      }
    }
    assertTrue(sent.contains("PUT 1.0.0") && sent.contains("PUT 1.0.0-web"), sent.toString());
    for (PreparedArtifact artifact : List.of(api, web)) {
      String index = "sha256-" + artifact.digest().substring(7);
      String moving = artifact.movingToPush().keySet().iterator().next();
      assertEquals(
          3,
          sent.stream().filter(("GET " + index)::equals).count(),
          "read with the checks, again just before the write, then read back: " + sent);
      assertTrue(sent.indexOf("GET " + index) < firstPut, "read with the checks: " + sent);
      assertTrue(sent.contains("PUT " + index), "its index written: " + sent);
      assertTrue(
          sent.indexOf("PUT 1.0.0") < sent.indexOf("PUT " + index)
              && sent.indexOf("PUT 1.0.0-web") < sent.indexOf("PUT " + index),
          "referrers after every immutable tag: " + sent);
      assertTrue(
          sent.contains("PUT " + moving) && lastIndexPut < sent.indexOf("PUT " + moving),
          "moving tags after every artifact's referrers: " + sent);
    }
  }

  private static int firstIndexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  /** An image of its own manifest with one immutable and one moving tag and an SBOM. */
  private PreparedArtifact withSbom(String name, String immutable, String moving) throws Exception {
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + IMAGE_TYPE
                + "\",\"layers\":[],\"annotations\":{\"name\":\""
                + name
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    Path sbom = Files.writeString(dir.resolve(name + ".cdx.json"), "{\"name\":\"" + name + "\"}");
    return new PreparedArtifact(
        "it:" + name,
        ArtifactKind.IMAGE,
        name,
        "ghcr.io/acme/" + name,
        Sha256.digestOf(manifest),
        IMAGE_TYPE,
        PreparedArtifact.encode(manifest),
        "1.0.0",
        List.of(immutable, moving),
        List.of(immutable),
        Map.of(moving, ""),
        null,
        Instant.parse("2026-01-01T00:00:00Z"),
        "Published " + name,
        dir.resolve(name + "/records").toString(),
        List.of(),
        "target/ghcr/" + name + ".cdx.json",
        List.of(new Referrer(Referrer.CYCLONEDX, Referrer.CYCLONEDX, sbom.toString(), Map.of())),
        Map.of());
  }
}
