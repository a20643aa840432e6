package io.github.ghcrtools.core.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.strings.RegexSyntaxException;
import dev.sigstore.strings.StringMatcher;
import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.core.referrers.ReferrersIndex;
import io.github.ghcrtools.core.registry.Manifest;
import io.github.ghcrtools.core.registry.OciRegistry;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a pushed image or chart carries a Sigstore bundle that verifies for its digest: a
 * bundle listed under its referrers tag, whose certificate chains to the trusted root and names the
 * expected identity and issuer, whose signature is good, whose statement's subject is this digest,
 * and whose Rekor entry comes with an inclusion proof. One verifying bundle is enough; otherwise
 * every bundle's reason is reported.
 */
public final class SignatureCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param bundles Sigstore bundles listed for the digest
   * @param verified the predicate type of the bundle that verified, empty when none did
   * @param reasons why each bundle that did not verify failed (none listed: one reason saying so)
   */
  public record Result(int bundles, Optional<String> verified, List<String> reasons) {
    public boolean ok() {
      return verified.isPresent();
    }
  }

  private final SigstoreInstance instance;
  private final SignerIdentity identity;
  private KeylessVerifier verifier;

  public SignatureCheck(SigstoreInstance instance, SignerIdentity identity) {
    this.instance = instance;
    this.identity = identity;
  }

  /** Reads the referrers of {@code digest} from {@code registry} and verifies its bundles. */
  public Result check(OciRegistry registry, String digest) throws IOException {
    String tag = ReferrersIndex.tag(digest);
    ReferrersIndex index = ReferrersIndex.of(registry.manifest(tag), tag);
    List<ReferrersIndex.Entry> entries = new ArrayList<>(index.entriesOf(Referrer.SIGSTORE_BUNDLE));
    if (entries.isEmpty()) {
      return new Result(
          0,
          Optional.empty(),
          List.of("no Sigstore bundle is listed under its referrers tag " + tag));
    }
    // cosign's image signature first: it is what most often verifies, one read fewer
    entries.sort(
        (a, b) ->
            Boolean.compare(
                !SignatureStatement.PREDICATE_TYPE.equals(
                    a.annotations().get(Referrer.BUNDLE_PREDICATE_TYPE)),
                !SignatureStatement.PREDICATE_TYPE.equals(
                    b.annotations().get(Referrer.BUNDLE_PREDICATE_TYPE))));
    List<String> reasons = new ArrayList<>();
    for (ReferrersIndex.Entry entry : entries) {
      Optional<String> reason = verifyOne(registry, digest, entry.digest());
      if (reason.isEmpty()) {
        String type = entry.annotations().getOrDefault(Referrer.BUNDLE_PREDICATE_TYPE, "bundle");
        return new Result(entries.size(), Optional.of(type), List.of());
      }
      reasons.add("bundle " + entry.digest() + ": " + reason.get());
    }
    return new Result(entries.size(), Optional.empty(), reasons);
  }

  /** Why the bundle under {@code manifestDigest} does not verify for {@code digest}, or empty. */
  private Optional<String> verifyOne(OciRegistry registry, String digest, String manifestDigest)
      throws IOException {
    Optional<Manifest> manifest = registry.manifest(manifestDigest);
    if (manifest.isEmpty()) {
      return Optional.of("its manifest is listed but not on ghcr.io");
    }
    JsonNode node = JSON.readTree(manifest.get().bytes());
    if (!digest.equals(node.path("subject").path("digest").asText())) {
      return Optional.of(
          "its manifest is about " + node.path("subject").path("digest").asText("nothing"));
    }
    String layer = node.path("layers").path(0).path("digest").asText("");
    if (layer.isEmpty()) {
      return Optional.of("its manifest has no layer");
    }
    byte[] bytes = registry.blob(layer);
    return verify(new String(bytes, StandardCharsets.UTF_8), digest);
  }

  /** Why {@code bundleJson} does not verify for {@code digest}, or empty. */
  public Optional<String> verify(String bundleJson, String digest) {
    Bundle bundle;
    try {
      bundle = Bundle.from(new StringReader(bundleJson));
    } catch (BundleParseException | RuntimeException e) {
      // sigstore-java refuses a v0.3 bundle without an inclusion proof, or without a timestamp
      // (an unchecked IllegalStateException), already here
      return Optional.of("not a valid Sigstore bundle: " + e.getMessage());
    }
    if (bundle.getEntries().isEmpty()
        || bundle.getEntries().stream()
            .map(RekorEntry::getVerification)
            .anyMatch(v -> v == null || v.getInclusionProof() == null)) {
      return Optional.of("it carries no Rekor inclusion proof");
    }
    Optional<String> logged = loggedWhileValid(bundle);
    if (logged.isPresent()) {
      return logged;
    }
    try {
      verifier()
          .verify(
              HexFormat.of().parseHex(digest.substring(digest.indexOf(':') + 1)),
              bundle,
              VerificationOptions.builder()
                  .addCertificateMatchers(
                      VerificationOptions.CertificateMatcher.fulcio()
                          .subjectAlternativeName(StringMatcher.regex(identity.identity()))
                          .issuer(StringMatcher.string(identity.issuer()))
                          .build())
                  .build());
      return Optional.empty();
    } catch (KeylessVerificationException | RegexSyntaxException | RuntimeException e) {
      return Optional.of(e.getMessage());
    } catch (IOException e) {
      return Optional.of("the trusted root of " + instance.describe() + " cannot be read: " + e);
    }
  }

  /**
   * Without a TSA timestamp, sigstore-java 2.0 does not check the certificate against the time
   * Rekor logged the entry (a Rekor v1 bundle, cosign 2's): the certificate must have been valid
   * then, as cosign requires.
   */
  private static Optional<String> loggedWhileValid(Bundle bundle) {
    if (!bundle.getTimestamps().isEmpty()) {
      return Optional.empty(); // sigstore-java checks the certificate at the TSA's time
    }
    X509Certificate leaf = (X509Certificate) bundle.getCertPath().getCertificates().get(0);
    for (RekorEntry entry : bundle.getEntries()) {
      long time = entry.getIntegratedTime();
      if (time <= 0) {
        return Optional.of("it has neither a timestamp nor a Rekor integrated time");
      }
      try {
        leaf.checkValidity(new Date(time * 1000));
      } catch (CertificateException e) {
        return Optional.of(
            "its certificate was not valid when Rekor logged it ("
                + Instant.ofEpochSecond(time)
                + ")");
      }
    }
    return Optional.empty();
  }

  private synchronized KeylessVerifier verifier() throws IOException {
    if (verifier == null) {
      try {
        verifier =
            KeylessVerifier.builder().trustedRootProvider(instance.trustedRootProvider()).build();
      } catch (Exception e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    return verifier;
  }
}
