package io.github.ghcrtools.core.referrers;

import io.github.ghcrtools.core.provenance.ProvenanceStatement;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.signing.SigstoreInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a push attaches to the digest it prepares: the SBOM its build wrote, and a provenance
 * statement made now for that digest (only pushes of trusted refs get here). Both plugins use it,
 * so images and charts carry the same files the same way.
 */
@FunctionalInterface
public interface Attachments {

  /**
   * @param subjectName {@code ghcr.io/<owner>/<path>} of the image or chart
   * @param digest the image, index or chart manifest digest about to be published
   */
  Prepared prepare(String subjectName, String digest) throws IOException;

  /**
   * @param sbom the SBOM file relative to the project, for the record; empty when none was made
   * @param referrers the files to attach, SBOM first
   */
  record Prepared(Optional<String> sbom, List<Referrer> referrers) {
    public Prepared {
      referrers = List.copyOf(referrers);
    }
  }

  /** Nothing attached. */
  static Attachments none() {
    return (subjectName, digest) -> new Prepared(Optional.empty(), List.of());
  }

  /**
   * The SBOM (when {@code sbom} yields one) and, when {@code provenance} is on and the build runs
   * in GitHub Actions, a provenance statement written to {@code provenanceFile}.
   *
   * @param sbom makes or finds the SBOM of a digest; empty when SBOMs are off
   * @param basedir the project directory, for relative paths in the record
   * @param env the build's environment, for the provenance
   * @param created the build's output timestamp, the referrers' {@code created} annotation
   * @param startedOn when the Maven run started
   * @param signing the Sigstore instance that signs the digest and the provenance, or empty
   */
  static Attachments of(
      SbomSource sbom,
      boolean provenance,
      Path provenanceFile,
      Path basedir,
      Map<String, String> env,
      String toolVersion,
      Instant created,
      Instant startedOn,
      Optional<SigstoreInstance> signing) {
    return (subjectName, digest) -> {
      List<Referrer> referrers = new ArrayList<>();
      Optional<Path> sbomFile = sbom.forDigest(digest).filter(Files::isRegularFile);
      sbomFile.ifPresent(file -> referrers.add(referrer(Referrer.CYCLONEDX, file, created)));
      // outside GitHub Actions (allowLocalPush) there is no workflow run to vouch for the build
      if (provenance && "true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
        Path written =
            ProvenanceStatement.write(
                provenanceFile,
                ProvenanceStatement.json(
                    subjectName, digest, env, sbomFile, toolVersion, startedOn));
        referrers.add(referrer(Referrer.IN_TOTO, written, created));
      }
      if (signing.isPresent()) {
        referrers.addAll(
            SignedReferrers.of(
                subjectName, digest, provenanceFile, referrers, signing.get(), created, env));
      }
      return new Prepared(sbomFile.map(f -> PublishRecords.relative(basedir, f)), referrers);
    };
  }

  /** Makes or finds the SBOM of a digest. */
  @FunctionalInterface
  interface SbomSource {
    Optional<Path> forDigest(String digest) throws IOException;
  }

  private static Referrer referrer(String type, Path file, Instant created) {
    return new Referrer(
        type,
        type,
        file.toAbsolutePath().toString(),
        Map.of(
            "org.opencontainers.image.title",
            file.getFileName().toString(),
            "org.opencontainers.image.created",
            created.toString()));
  }
}
