package io.github.ghcrtools.core.signing;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks every image and chart of a release before anything acts on it (the deploy signal, {@code
 * ghcr:verify}): each must carry a Sigstore bundle that verifies for its recorded digest ({@link
 * SignatureCheck}). OCI artifacts are not signed, so not checked. Reads only: one read-only client
 * per repository.
 */
public final class ReleaseVerification {

  /** Opens a read-only registry client for {@code ghcr.io/<owner>/<path>}. */
  @FunctionalInterface
  public interface Readers {
    OciRegistry open(String repository);
  }

  private final Readers readers;
  private final SignatureCheck check;
  private final Consumer<String> info;

  /** On ghcr.io, with the suite's one registry client, read-only ({@code pull}). */
  public static ReleaseVerification onGhcr(
      RegistryCredentials credentials,
      RegistryCalls calls,
      SignatureCheck check,
      Consumer<String> info) {
    return new ReleaseVerification(
        repository ->
            OciRegistry.open(
                new GhcrReference(repository.substring(repository.indexOf('/') + 1), null, null),
                credentials,
                OciRegistry.Access.PULL,
                calls),
        check,
        info);
  }

  public ReleaseVerification(Readers readers, SignatureCheck check, Consumer<String> info) {
    this.readers = readers;
    this.check = check;
    this.info = info;
  }

  /**
   * @throws UnverifiedReleaseException naming each image or chart that has no verifying bundle, and
   *     why
   */
  public void verify(List<PublishRecord> records) {
    Map<String, OciRegistry> open = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    try {
      for (PublishRecord record : records) {
        if (record.kind() == ArtifactKind.ARTIFACT) {
          continue;
        }
        String what = record.kind().value() + " " + record.name();
        String ref = record.repository() + "@" + record.digest();
        SignatureCheck.Result result;
        try {
          result =
              check.check(
                  open.computeIfAbsent(record.repository(), readers::open), record.digest());
        } catch (IOException e) {
          failures.add(what + " (" + ref + "): its referrers cannot be read: " + e.getMessage());
          continue;
        }
        if (result.ok()) {
          info.accept(
              "Signature verified: "
                  + what
                  + " "
                  + ref
                  + " ("
                  + result.verified().get()
                  + ", "
                  + result.bundles()
                  + " bundle(s) listed)");
        } else {
          failures.add(what + " (" + ref + "): " + String.join("; ", result.reasons()));
        }
      }
    } finally {
      open.values().forEach(OciRegistry::close);
    }
    if (!failures.isEmpty()) {
      throw new UnverifiedReleaseException(failures);
    }
  }
}
