package io.github.ghcrtools.core.signing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.sigstore.SigningConfigProvider;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.tuf.SigstoreTufClient;
import io.github.ghcrtools.core.failure.UserError;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which Sigstore signs and vouches: the public instance (Fulcio, Rekor, the TSA and its trusted
 * root, found through Sigstore's TUF repository, as cosign does), or a private one described by its
 * own two files, the formats cosign's {@code --signing-config} and {@code --trusted-root} take.
 * Sigstore's services are not registries, so the registry policy does not apply to them.
 *
 * @param signingConfig a signing config v0.2 JSON (Fulcio, Rekor and TSA URLs), or "" for the
 *     public instance
 * @param trustedRoot a trusted root JSON (their keys and certificates), or "" for the public one
 */
public record SigstoreInstance(String signingConfig, String trustedRoot) {

  public static final SigstoreInstance PUBLIC = new SigstoreInstance("", "");

  public SigstoreInstance {
    signingConfig = signingConfig == null ? "" : signingConfig;
    trustedRoot = trustedRoot == null ? "" : trustedRoot;
  }

  /**
   * The instance the parameters name, checked before anything is sent.
   *
   * @param prefix the plugin's property prefix ({@code ghcr}, {@code helm-oci})
   * @param forSigning true when signing (both files or neither), false when only verifying
   */
  public static SigstoreInstance of(
      String signingConfig, String trustedRoot, String prefix, boolean forSigning) {
    String config = blankToEmpty(signingConfig);
    String root = blankToEmpty(trustedRoot);
    check(config, prefix + ".sigstore.signingConfig");
    check(root, prefix + ".sigstore.trustedRoot");
    if (forSigning && config.isEmpty() != root.isEmpty()) {
      throw new UserError(
          "a private Sigstore instance needs both its signing config and its trusted root: set"
              + " both -D"
              + prefix
              + ".sigstore.signingConfig and -D"
              + prefix
              + ".sigstore.trustedRoot, or neither for the public Sigstore instance",
          prefix + (config.isEmpty() ? ".sigstore.signingConfig" : ".sigstore.trustedRoot"),
          null);
    }
    return new SigstoreInstance(
        config.isEmpty() ? "" : Path.of(config).toAbsolutePath().toString(),
        root.isEmpty() ? "" : Path.of(root).toAbsolutePath().toString());
  }

  @JsonIgnore
  public boolean isPublic() {
    return signingConfig.isEmpty() && trustedRoot.isEmpty();
  }

  /** For log lines: "the public Sigstore instance" or the files. */
  public String describe() {
    return isPublic()
        ? "the public Sigstore instance"
        : "the Sigstore instance of " + (signingConfig.isEmpty() ? trustedRoot : signingConfig);
  }

  TrustedRootProvider trustedRootProvider() {
    return trustedRoot.isEmpty()
        ? TrustedRootProvider.from(SigstoreTufClient.builder().usePublicGoodInstance())
        : TrustedRootProvider.from(Path.of(trustedRoot));
  }

  SigningConfigProvider signingConfigProvider() {
    return signingConfig.isEmpty()
        ? SigningConfigProvider.from(SigstoreTufClient.builder().usePublicGoodInstance())
        : SigningConfigProvider.from(Path.of(signingConfig));
  }

  private static String blankToEmpty(String value) {
    return value == null || value.isBlank() ? "" : value.trim();
  }

  private static void check(String file, String property) {
    if (!file.isEmpty() && !Files.isRegularFile(Path.of(file))) {
      throw new UserError(
          "-D"
              + property
              + " names "
              + file
              + ", which is not a file: give the path of the JSON file, or leave it empty for the"
              + " public Sigstore instance",
          property,
          null);
    }
  }
}
