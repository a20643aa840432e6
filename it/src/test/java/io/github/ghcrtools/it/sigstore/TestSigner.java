package io.github.ghcrtools.it.sigstore;

import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.KeylessSigner;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.SigningConfigProvider;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.VerificationOptions.CertificateMatcher;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.oidc.client.GithubActionsOidcClient;
import dev.sigstore.oidc.client.OidcClient;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.OidcException;
import dev.sigstore.oidc.client.OidcToken;
import dev.sigstore.strings.StringMatcher;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * sigstore-java signing and verifying against the {@link SigstoreStandIn} directly, as a job of a
 * GitHub Actions run would (see {@code it/src/test/node/SIGSTORE-NOTES.md}): what the fixture's
 * tests sign with while the plugins do not sign yet.
 */
final class TestSigner {

  private final SigstoreStandIn standIn;
  private final Map<String, String> githubEnv;

  TestSigner(SigstoreStandIn standIn, Map<String, String> githubEnv) {
    this.standIn = standIn;
    this.githubEnv = githubEnv;
  }

  /**
   * sigstore-java's GitHub Actions OIDC client, given the job's variables as a map instead of the
   * process environment (OidcClients.of reads System.getenv, which a test cannot set).
   */
  private record ActionsEnvironment(Map<String, String> env) implements OidcClient {
    private static final GithubActionsOidcClient CLIENT = GithubActionsOidcClient.builder().build();

    @Override
    public boolean isEnabled(Map<String, String> ignored) {
      return CLIENT.isEnabled(env);
    }

    @Override
    public OidcToken getIDToken(Map<String, String> ignored) throws OidcException {
      return CLIENT.getIDToken(env);
    }
  }

  /** What is done with a signer. */
  interface SignerCall<T> {
    T apply(KeylessSigner signer) throws Exception;
  }

  /**
   * Runs {@code call} with a new signer (a new job: its own request token, its own certificate).
   */
  <T> T sign(boolean rekorV2, SignerCall<T> call) throws Exception {
    Map<String, String> env = new HashMap<>(githubEnv);
    env.putAll(standIn.env(githubEnv));
    try (KeylessSigner signer =
        KeylessSigner.builder()
            .trustedRootProvider(TrustedRootProvider.from(standIn.trustedRoot()))
            .signingConfigProvider(SigningConfigProvider.from(standIn.signingConfig()))
            .forceCredentialProviders(OidcClients.of(new ActionsEnvironment(env)))
            .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
            .enableRekorV2(rekorV2)
            .build()) {
      return call.apply(signer);
    }
  }

  /** An in-toto statement v1 of {@code predicateType} with one subject, as cosign v3 writes. */
  static String statement(String name, byte[] sha256, String predicateType) {
    return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\""
        + name
        + "\",\"digest\":{\"sha256\":\""
        + HexFormat.of().formatHex(sha256)
        + "\"}}],\"predicateType\":\""
        + predicateType
        + "\",\"predicate\":{}}";
  }

  /** sigstore-java's own verification for the run's identity; throws when it fails. */
  void verify(byte[] sha256, Bundle bundle, String identity) throws Exception {
    KeylessVerifier verifier =
        KeylessVerifier.builder()
            .trustedRootProvider(TrustedRootProvider.from(standIn.trustedRoot()))
            .build();
    CertificateMatcher matcher =
        CertificateMatcher.fulcio()
            .subjectAlternativeName(StringMatcher.string(identity))
            .issuer(StringMatcher.string(standIn.issuer()))
            .build();
    verifier.verify(
        sha256, bundle, VerificationOptions.builder().addCertificateMatchers(matcher).build());
  }
}
