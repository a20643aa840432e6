package io.github.ghcrtools.deploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.referrers.Referrer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactCommandsTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final String BUNDLE = "sha256:" + "cd".repeat(32);

  private static PublishRecord record(ArtifactKind kind, String name, String repository) {
    return PublishRecord.of(kind, name, repository, DIGEST, List.of("1.0.0"), "1.0.0", null, null);
  }

  private static PublishRecord signed(PublishRecord record) {
    return record.withSupplyChain(
        null,
        List.of(
            new PublishRecord.Attached(Referrer.CYCLONEDX, "sha256:" + "ef".repeat(32)),
            new PublishRecord.Attached(Referrer.SIGSTORE_BUNDLE, BUNDLE)));
  }

  @Test
  void aSignedImageGetsTheCosignAndGhLinesByDigest() {
    assertEquals(
        List.of(
            new ArtifactCommands.Command(
                "image api",
                "cosign verify ghcr.io/acme/pytoya/api@"
                    + DIGEST
                    + " --certificate-identity-regexp"
                    + " '^https://github\\.com/acme/py\\.toya/\\.github/workflows/'"
                    + " --certificate-oidc-issuer https://token.actions.githubusercontent.com"),
            new ArtifactCommands.Command(
                "image api",
                "gh attestation verify oci://ghcr.io/acme/pytoya/api@"
                    + DIGEST
                    + " --repo acme/py.toya --bundle-from-oci")),
        ArtifactCommands.verify(
            signed(record(ArtifactKind.IMAGE, "api", "ghcr.io/acme/pytoya/api")), "acme/py.toya"));
  }

  @Test
  void aSignedChartIsVerifiedByItsManifestDigestToo() {
    List<ArtifactCommands.Command> commands =
        ArtifactCommands.verify(
            signed(record(ArtifactKind.CHART, "pytoya", "ghcr.io/acme/charts/pytoya")),
            "acme/pytoya");

    assertEquals(2, commands.size(), commands.toString());
    assertEquals(
        "cosign verify ghcr.io/acme/charts/pytoya@" + DIGEST,
        commands.get(0).line().substring(0, commands.get(0).line().indexOf(" --")));
    assertEquals(
        "gh attestation verify oci://ghcr.io/acme/charts/pytoya@"
            + DIGEST
            + " --repo acme/pytoya --bundle-from-oci",
        commands.get(1).line());
    assertEquals("chart pytoya", commands.get(1).artifact());
  }

  @Test
  void nothingToVerifyWithoutABundleARepositoryOrForAnOciArtifact() {
    PublishRecord unsigned =
        record(ArtifactKind.IMAGE, "api", "ghcr.io/acme/pytoya/api")
            .withSupplyChain(
                null,
                List.of(new PublishRecord.Attached(Referrer.IN_TOTO, "sha256:" + "ef".repeat(32))));

    assertEquals(List.of(), ArtifactCommands.verify(unsigned, "acme/pytoya"));
    assertEquals(
        List.of(),
        ArtifactCommands.verify(
            signed(record(ArtifactKind.IMAGE, "api", "ghcr.io/acme/pytoya/api")), null));
    assertEquals(
        List.of(),
        ArtifactCommands.verify(
            signed(record(ArtifactKind.ARTIFACT, "installer", "ghcr.io/acme/installer")),
            "acme/pytoya"));
  }
}
