package io.github.ghcrtools.core.signing;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.registry.FailureMessages;
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

  /** Checks one digest's bundles ({@link SignatureCheck#check}). */
  @FunctionalInterface
  public interface Check {
    SignatureCheck.Result check(OciRegistry registry, String digest) throws IOException;
  }

  private final Readers readers;
  private final Check check;
  private final Consumer<String> info;
  private final RegistryCredentials credentials;

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
        check::check,
        info,
        credentials);
  }

  public ReleaseVerification(Readers readers, Check check, Consumer<String> info) {
    this(readers, check, info, null);
  }

  /**
   * @param credentials those the readers use, whose token no failure message may show; null when
   *     they use none
   */
  public ReleaseVerification(
      Readers readers, Check check, Consumer<String> info, RegistryCredentials credentials) {
    this.readers = readers;
    this.check = check;
    this.info = info;
    this.credentials = credentials;
  }

  /** Every image and chart must carry a verifying bundle ({@code ghcr:verify}, {@code true}). */
  public void verify(List<PublishRecord> records) {
    verify(records, true);
  }

  /**
   * @param always false for {@code requireSignatures=auto}: nothing is required of a release that
   *     was not signed, and as soon as one of its images or charts carries a bundle, every one must
   *     verify. A record that lists a bundle says signed; one that lists other referrers (SBOM,
   *     provenance) but no bundle was published unsigned; one that lists nothing (a promotion's) is
   *     looked up in its referrers index.
   * @throws UnverifiedReleaseException naming each image or chart that has no verifying bundle, and
   *     why
   */
  public void verify(List<PublishRecord> records, boolean always) {
    List<PublishRecord> checked =
        records.stream().filter(r -> r.kind() != ArtifactKind.ARTIFACT).toList();
    Map<String, OciRegistry> open = new LinkedHashMap<>();
    try {
      boolean signed = always || checked.stream().anyMatch(PublishRecord::signed);
      List<String> failures = new ArrayList<>();
      if (!signed) {
        List<PublishRecord> unknown =
            checked.stream().filter(r -> r.referrers().isEmpty()).toList();
        signed = check(unknown, open, failures);
        if (!signed) {
          info.accept(
              "Signatures not checked: no image or chart of the release carries a Sigstore bundle"
                  + " (requireSignatures=auto; true requires them)");
          return;
        }
        checked = checked.stream().filter(r -> !r.referrers().isEmpty()).toList();
      }
      check(checked, open, failures);
      if (!failures.isEmpty()) {
        throw new UnverifiedReleaseException(failures);
      }
    } finally {
      open.values().forEach(OciRegistry::close);
    }
  }

  /**
   * Checks each record, logging each verified one and adding each failure to {@code failures}.
   *
   * @return true when any of them carries a bundle
   */
  private boolean check(
      List<PublishRecord> records, Map<String, OciRegistry> open, List<String> failures) {
    boolean bundles = false;
    for (PublishRecord record : records) {
      String what = record.kind().value() + " " + record.name();
      String ref = record.repository() + "@" + record.digest();
      SignatureCheck.Result result;
      try {
        result =
            check.check(open.computeIfAbsent(record.repository(), readers::open), record.digest());
      } catch (IOException e) {
        failures.add(
            what
                + " ("
                + ref
                + "): its referrers cannot be read: "
                + FailureMessages.causes(e, credentials));
        continue;
      }
      bundles |= result.bundles() > 0;
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
    return bundles;
  }
}
