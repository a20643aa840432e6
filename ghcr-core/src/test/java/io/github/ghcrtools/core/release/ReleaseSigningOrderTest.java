package io.github.ghcrtools.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.referrers.MemoryRegistry;
import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.core.registry.FakeGhcr;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.core.signing.SignatureStatement;
import io.github.ghcrtools.core.signing.SigstoreInstance;
import java.io.IOException;
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

/**
 * The release signs new versions before it writes any tag, attaches the bundles in cosign's layout,
 * and a republish of a signed release signs nothing.
 */
class ReleaseSigningOrderTest {

  private static final String IMAGE_TYPE = "application/vnd.oci.image.manifest.v1+json";
  private static final RegistryCredentials CREDENTIALS =
      new RegistryCredentials("octocat", Secret.of("ghp_secret123456"), "env GHCR_TOKEN");

  @TempDir Path dir;

  private final MemoryRegistry registry = new MemoryRegistry();
  private final List<String> signedAt = new ArrayList<>();

  /** Signs by writing a fake bundle, noting how many manifest PUTs had gone out by then. */
  private ReleasePublisher.Signer fakeSigner(boolean fail) {
    return new ReleasePublisher.Signer() {
      @Override
      public void make(Referrer bundle) throws IOException {
        if (fail) {
          throw new io.github.ghcrtools.core.signing.SigningException(
              "signing " + bundle.label(), new IllegalStateException("Fulcio said no"));
        }
        signedAt.add(bundle.label() + "@" + manifestPuts().size());
        Files.writeString(
            Path.of(bundle.file()),
            "{\"mediaType\":\""
                + Referrer.SIGSTORE_BUNDLE
                + "\",\"of\":\""
                + bundle.label()
                + "\"}");
      }

      @Override
      public void close() {}
    };
  }

  private List<String> manifestPuts() {
    List<String> puts = new ArrayList<>();
    for (FakeGhcr.Sent sent : registry.http.sent) {
      String path = sent.uri().getPath();
      if (sent.method().equals("PUT") && path.contains("/manifests/")) {
        puts.add(path.substring(path.lastIndexOf('/') + 1));
      }
    }
    return puts;
  }

  private PreparedArtifact artifact() throws IOException {
    return artifact("https://github.com/acme/api/.github/workflows/publish.yml@refs/tags/v1.0.0");
  }

  private PreparedArtifact artifact(String signer) throws IOException {
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"" + IMAGE_TYPE + "\",\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    String digest = Sha256.digestOf(manifest);
    Path statement =
        SignatureStatement.write(
            dir.resolve("api.signature.intoto.json"), "ghcr.io/acme/api", digest);
    Referrer signature =
        new Referrer(
            Referrer.SIGSTORE_BUNDLE,
            Referrer.SIGSTORE_BUNDLE,
            dir.resolve("api.signature.sigstore.json").toString(),
            Map.of(
                Referrer.BUNDLE_CONTENT,
                "dsse-envelope",
                Referrer.BUNDLE_PREDICATE_TYPE,
                SignatureStatement.PREDICATE_TYPE,
                Referrer.BUNDLE_SIGNER,
                signer),
            new Referrer.Signs(statement.toString(), SigstoreInstance.PUBLIC));
    return new PreparedArtifact(
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
        null,
        List.of(signature),
        Map.of());
  }

  private ReleasePublisher publisher(boolean fail) {
    return new ReleasePublisher(
        CREDENTIALS,
        repository -> registry.client(),
        new ReleaseReport(Optional.of(dir.resolve("out")), Optional.empty()),
        line -> {},
        () -> fakeSigner(fail));
  }

  @Test
  void aNewVersionIsSignedBeforeAnyTagAndItsBundleListedInCosignsLayout() throws Exception {
    PreparedArtifact artifact = artifact();
    List<PublishRecord> records = publisher(false).publish(List.of(artifact));

    assertEquals(List.of("signature@0"), signedAt, "signed before the first manifest PUT");
    String indexTag = "sha256-" + artifact.digest().substring(7);
    assertEquals(List.of("1.0.0", "by digest", indexTag, "latest"), withDigests(manifestPuts()));
    JsonNode index =
        new ObjectMapper().readTree(registry.manifests.get(registry.tags.get(indexTag)));
    JsonNode entry = index.path("manifests").get(0);
    assertEquals(Referrer.SIGSTORE_BUNDLE, entry.path("artifactType").asText());
    assertEquals("dsse-envelope", entry.path("annotations").path(Referrer.BUNDLE_CONTENT).asText());
    JsonNode bundleManifest =
        new ObjectMapper().readTree(registry.manifests.get(entry.path("digest").asText()));
    String layerDigest = bundleManifest.path("layers").get(0).path("digest").asText();
    assertEquals(
        "sha256-" + layerDigest.substring(7) + ".sigstore.json",
        bundleManifest
            .path("layers")
            .get(0)
            .path("annotations")
            .path("org.opencontainers.image.title")
            .asText());
    PublishRecord.Attached attached = records.get(0).referrers().get(0);
    assertEquals(SignatureStatement.PREDICATE_TYPE, attached.predicateType());
    assertTrue(records.get(0).signed());
    assertTrue(
        Files.readString(dir.resolve("out"))
            .contains("image-api-signature-digest=" + attached.digest()));

    // a republish: the tags are there, the bundle is listed: nothing signed, nothing written
    signedAt.clear();
    int sent = registry.http.sent.size();
    PreparedArtifact again = republished(artifact);
    publisher(false).publish(List.of(again));
    assertEquals(List.of(), signedAt);
    List<FakeGhcr.Sent> republish = registry.http.sent.subList(sent, registry.http.sent.size());
    assertTrue(republish.stream().noneMatch(s -> s.method().equals("PUT")), republish.toString());
  }

  @Test
  void aSigningFailureTagsNothing() throws Exception {
    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publisher(true).publish(List.of(artifact())));
    assertTrue(e.getMessage().contains("Nothing of this release was tagged"), e.getMessage());
    assertTrue(e.getMessage().contains("Fulcio said no"), e.getMessage());
    assertEquals(List.of(), manifestPuts());
  }

  /** The same artifact published before, so only its referrers are left to do. */
  private static PreparedArtifact republished(PreparedArtifact artifact) {
    return new PreparedArtifact(
        artifact.project(),
        artifact.kind(),
        artifact.name(),
        artifact.repository(),
        artifact.digest(),
        artifact.mediaType(),
        artifact.manifest(),
        artifact.version(),
        artifact.tags(),
        List.of(),
        Map.of(),
        null,
        artifact.created(),
        "Published api",
        artifact.recordDirectory(),
        List.of(),
        null,
        artifact.referrers(),
        Map.of());
  }

  @Test
  void aRepublishSignsAgainWhenTheListedBundleIsAnotherSigners() throws Exception {
    publisher(false).publish(List.of(artifact()));
    signedAt.clear();
    // the same digest republished from another ref: the bundle listed is not this run's signer's
    PreparedArtifact fromBranch =
        republished(
            artifact("https://github.com/acme/api/.github/workflows/publish.yml@refs/heads/dev"));
    publisher(false).publish(List.of(fromBranch));
    assertEquals(List.of("signature@4"), signedAt, "signed before the index was written again");
  }

  @Test
  void aRepublishMissingItsBundleIsSignedBeforeAnyTagOfTheRelease() throws Exception {
    PreparedArtifact first = artifact();
    // published before, unsigned: its tags are there and its index lists no bundle
    registry.putManifest("1.0.0", IMAGE_TYPE, first.manifestBytes());
    ReleaseException e =
        assertThrows(
            ReleaseException.class, () -> publisher(true).publish(List.of(republished(first))));
    assertTrue(e.getMessage().contains("Nothing of this release was tagged"), e.getMessage());
    assertEquals(List.of(), manifestPuts(), "a PUT after a failed signing");
  }

  private static List<String> withDigests(List<String> puts) {
    return puts.stream().map(p -> p.startsWith("sha256:") ? "by digest" : p).toList();
  }
}
