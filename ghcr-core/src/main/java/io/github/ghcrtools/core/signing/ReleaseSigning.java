package io.github.ghcrtools.core.signing;

import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.KeylessSigner;
import dev.sigstore.KeylessSignerException;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.oidc.client.OidcClients;
import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.core.release.ReleasePublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The release's keyless signer: one OIDC token and one Fulcio certificate for the whole release
 * (asked for only when something has to be signed, so a republish of a signed release costs no
 * Sigstore call), each statement signed once as a DSSE bundle logged in Rekor (v2, with a TSA
 * timestamp), written where its referrer says.
 */
public final class ReleaseSigning implements ReleasePublisher.Signer {

  private final Map<String, String> env;
  private final Consumer<String> info;
  private final Map<SigstoreInstance, KeylessSigner> signers = new HashMap<>();

  /**
   * @param env the build's environment, for the GitHub Actions OIDC token request
   * @param info where each signature is logged
   */
  public ReleaseSigning(Map<String, String> env, Consumer<String> info) {
    this.env = Map.copyOf(env);
    this.info = info;
  }

  /** Signs the bundle's statement and writes the bundle where the referrer says. */
  @Override
  public synchronized void make(Referrer bundle) throws IOException {
    if (bundle.signs() == null) {
      return;
    }
    String statement;
    try {
      statement = Files.readString(Path.of(bundle.signs().statement()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SigningException("reading the statement " + bundle.signs().statement(), e);
    }
    Bundle signed;
    try {
      signed = signer(bundle.signs().instance()).attest(statement);
    } catch (IllegalStateException e) {
      if (!String.valueOf(e.getMessage()).contains("rekor v2")) {
        throw new SigningException(
            "signing " + bundle.label() + " with " + bundle.signs().instance().describe(), e);
      }
      // sigstore-java 2.0 makes DSSE bundles only on Rekor v2 with a timestamp authority
      throw new SigningException(
          "signing "
              + bundle.label()
              + " with "
              + bundle.signs().instance().describe()
              + " (its signing config must list a Rekor v2 log and a timestamp authority)",
          e);
    } catch (KeylessSignerException | RuntimeException e) {
      throw new SigningException(
          "signing " + bundle.label() + " with " + bundle.signs().instance().describe(), e);
    }
    Path file = Path.of(bundle.file());
    Files.createDirectories(file.getParent());
    Files.writeString(file, signed.toJson(), StandardCharsets.UTF_8);
    info.accept(
        "Signed "
            + bundle.label()
            + " with "
            + bundle.signs().instance().describe()
            + " (Rekor log index "
            + signed.getEntries().get(0).getLogIndex()
            + ")");
  }

  private KeylessSigner signer(SigstoreInstance instance) throws SigningException {
    KeylessSigner signer = signers.get(instance);
    if (signer == null) {
      try {
        signer =
            KeylessSigner.builder()
                .trustedRootProvider(instance.trustedRootProvider())
                .signingConfigProvider(instance.signingConfigProvider())
                .forceCredentialProviders(OidcClients.of(new ActionsOidc(env)))
                .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
                .minSigningCertificateLifetime(
                    KeylessSigner.DEFAULT_MIN_SIGNING_CERTIFICATE_LIFETIME)
                // DSSE bundles need Rekor v2 and a timestamp authority (sigstore-java 2.0)
                .enableRekorV2(true)
                .build();
      } catch (Exception e) {
        throw new SigningException("setting up " + instance.describe(), e);
      }
      signers.put(instance, signer);
    }
    return signer;
  }

  @Override
  public synchronized void close() {
    signers.values().forEach(KeylessSigner::close);
    signers.clear();
  }
}
