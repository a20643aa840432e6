package io.github.ghcrtools.core.referrers;

import io.github.ghcrtools.core.provenance.ProvenanceStatement;
import io.github.ghcrtools.core.signing.SignatureStatement;
import io.github.ghcrtools.core.signing.SigstoreInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Sigstore bundles a signed push attaches, laid out as cosign's BUNDLE_SPEC does: the signature
 * of the digest (an in-toto statement with cosign's image-signature predicate, which {@code cosign
 * verify} reads) and, when there is provenance, the provenance as a DSSE bundle (which {@code gh
 * attestation verify --bundle-from-oci} reads). Only their statements are written here; the release
 * signs them once every project has succeeded, and only those the registry does not list yet.
 */
final class SignedReferrers {

  private SignedReferrers() {}

  /**
   * @param provenanceFile {@code <dir>/<name>.provenance.json}: the bundles go beside it
   * @param attached the referrers so far (the provenance among them when there is one)
   */
  static List<Referrer> of(
      String subjectName,
      String digest,
      Path provenanceFile,
      List<Referrer> attached,
      SigstoreInstance instance,
      Instant created,
      Map<String, String> env)
      throws IOException {
    String base = provenanceFile.getFileName().toString().replaceFirst("\\.provenance\\.json$", "");
    Path dir = provenanceFile.toAbsolutePath().getParent();
    List<Referrer> bundles = new ArrayList<>();
    Path statement =
        SignatureStatement.write(dir.resolve(base + ".signature.intoto.json"), subjectName, digest);
    bundles.add(
        bundle(
            dir.resolve(base + ".signature.sigstore.json"),
            statement,
            SignatureStatement.PREDICATE_TYPE,
            instance,
            created,
            env));
    for (Referrer referrer : attached) {
      if (Referrer.IN_TOTO.equals(referrer.artifactType())) {
        bundles.add(
            bundle(
                dir.resolve(base + ".provenance.sigstore.json"),
                Path.of(referrer.file()),
                ProvenanceStatement.PREDICATE_TYPE,
                instance,
                created,
                env));
      }
    }
    return bundles;
  }

  private static Referrer bundle(
      Path file,
      Path statement,
      String predicateType,
      SigstoreInstance instance,
      Instant created,
      Map<String, String> env)
      throws IOException {
    // a bundle left by an earlier build is for another digest, or signed long ago: never reused
    Files.deleteIfExists(file);
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(Referrer.BUNDLE_CONTENT, "dsse-envelope");
    annotations.put(Referrer.BUNDLE_PREDICATE_TYPE, predicateType);
    annotations.put("org.opencontainers.image.created", created.toString());
    String workflowRef = env.get("GITHUB_WORKFLOW_REF");
    if (workflowRef != null && !workflowRef.isBlank()) {
      // what Fulcio writes for a GitHub Actions job (a reusable workflow's job signs as the called
      // workflow: its republish then signs again rather than trust another identity's bundle)
      annotations.put(Referrer.BUNDLE_SIGNER, "https://github.com/" + workflowRef);
    }
    return new Referrer(
        Referrer.SIGSTORE_BUNDLE,
        Referrer.SIGSTORE_BUNDLE,
        file.toString(),
        annotations,
        new Referrer.Signs(statement.toAbsolutePath().toString(), instance));
  }
}
