package io.github.ghcrtools.it.sigstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.it.maven.CycloneDxValidator;
import io.github.ghcrtools.it.standin.ProcessResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The independent verifier of Sigstore bundles: sigstore-js ({@code @sigstore/verify}, pinned by
 * {@code it/src/test/node/package-lock.json}) through {@code verify-sigstore.mjs}, offline against
 * a trusted root. It checks the signature, the Fulcio chain and SCT, the Rekor entry with its
 * inclusion proof, the signing time, the identity and issuer, and for a DSSE bundle that the
 * in-toto statement names the digest as a subject. None of our code takes part.
 */
public final class SigstoreJs {

  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path trustedRoot;

  /** A verifier trusting only {@code trustedRoot} (a Sigstore trusted-root JSON file). */
  public SigstoreJs(Path trustedRoot) {
    this.trustedRoot = trustedRoot;
  }

  /** A verifier trusting the stand-in's keys. */
  public static SigstoreJs trusting(SigstoreStandIn standIn) {
    return new SigstoreJs(standIn.trustedRoot());
  }

  /** The certificate identity (SAN) a bundle must carry: exactly, or matching a regex. */
  public record Identity(String value, boolean regex) {

    public static Identity exact(String san) {
      return new Identity(san, false);
    }

    /** An unanchored JavaScript regular expression, as cosign's identity regexp. */
    public static Identity regex(String pattern) {
      return new Identity(pattern, true);
    }
  }

  /**
   * What sigstore-js said.
   *
   * @param identity the certificate's SAN, when verified
   * @param predicateType the in-toto statement's predicate type of a DSSE bundle, else null
   * @param reason why not, when not verified ({@code CODE: message})
   */
  public record Verification(
      boolean verified, String identity, String predicateType, String reason) {}

  /**
   * Verifies a DSSE bundle whose in-toto statement has {@code digest} ({@code sha256:<hex>}) as a
   * subject: an image or chart signature (cosign v3 layout) or a provenance attestation.
   */
  public Verification verifyDigest(Path bundle, String digest, Identity identity, String issuer) {
    return verify(bundle, List.of("--digest", digest), identity, issuer);
  }

  /** Verifies a bundle (message signature or DSSE) for the bytes of {@code artifact}. */
  public Verification verifyArtifact(Path bundle, Path artifact, Identity identity, String issuer) {
    return verify(
        bundle, List.of("--artifact", artifact.toAbsolutePath().toString()), identity, issuer);
  }

  private Verification verify(Path bundle, List<String> subject, Identity identity, String issuer) {
    List<String> arguments = new ArrayList<>();
    arguments.add("verify-sigstore.mjs");
    arguments.addAll(List.of("--bundle", bundle.toAbsolutePath().toString()));
    arguments.addAll(List.of("--trusted-root", trustedRoot.toAbsolutePath().toString()));
    arguments.addAll(subject);
    arguments.addAll(
        List.of(identity.regex() ? "--identity-regexp" : "--identity", identity.value()));
    arguments.addAll(List.of("--issuer", issuer));
    ProcessResult result = CycloneDxValidator.node(arguments, TIMEOUT);
    if (result.exitCode() == 0 || result.exitCode() == 1) {
      try {
        JsonNode answer = JSON.readTree(result.stdout());
        if (answer != null && answer.path("verified").isBoolean()) {
          return new Verification(
              answer.path("verified").asBoolean(),
              answer.path("identity").textValue(),
              answer.path("predicateType").textValue(),
              answer.path("reason").textValue());
        }
      } catch (IOException e) {
        // not an answer of the script: below
      }
    }
    throw new IllegalStateException("verify-sigstore.mjs could not run:\n" + result.describe());
  }
}
