package io.github.ghcrtools.publish;

import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.reactor.PluginUse;
import io.github.ghcrtools.core.reactor.ReactorEnd;
import io.github.ghcrtools.core.reactor.SkipNotice;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.signing.ReleaseVerification;
import io.github.ghcrtools.core.signing.SignatureCheck;
import io.github.ghcrtools.core.signing.SignerIdentity;
import io.github.ghcrtools.core.signing.SigstoreInstance;
import io.github.ghcrtools.core.signing.UnverifiedReleaseException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Verifies the Sigstore signatures of a release: every image and chart it published (this run's,
 * the record files given, else the records under each project's {@code target/}) must carry a
 * bundle on ghcr.io that verifies for its digest, from the expected identity and issuer, with a
 * Rekor inclusion proof. In a run that publishes, it waits for the end of the reactor (after the
 * publish); otherwise it verifies at once, so that a failure stops the goals after it.
 */
@Mojo(name = "verify", threadSafe = true, requiresProject = false)
public class VerifyMojo extends AbstractGhcrMojo {

  /**
   * Skip this goal.
   *
   * @since 0.2.0
   */
  @Parameter(property = "ghcr.verify.skip", defaultValue = "false")
  private boolean skip;

  /**
   * Publish record files or folders to verify (e.g. downloaded from the publish job). Default: the
   * records of this run's publish, else those under each project's {@code target/}.
   *
   * @since 0.2.0
   */
  @Parameter(property = "ghcr.verify.records")
  private List<File> records;

  /**
   * A regular expression the signing certificate's identity must match entirely. Default: this
   * repository's workflows ({@code GITHUB_REPOSITORY}) run on a tag or on the default branch.
   *
   * @since 0.2.0
   */
  @Parameter(property = "ghcr.certificateIdentity")
  private String certificateIdentity;

  /**
   * The OIDC issuer the certificate must name.
   *
   * @since 0.2.0
   */
  @Parameter(property = "ghcr.certificateIssuer", defaultValue = SignerIdentity.GITHUB_ISSUER)
  private String certificateIssuer;

  /**
   * A private Sigstore instance's trusted root JSON. Empty: the public instance's.
   *
   * @since 0.2.0
   */
  @Parameter(property = "ghcr.sigstore.trustedRoot")
  private String sigstoreTrustedRoot;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info(SkipNotice.line("ghcr:verify", "skip", mojoExecution, session));
      return;
    }
    run(
        () -> {
          boolean publishes = PluginUse.runPublishes(session);
          TrustedRef trust = ci().trust(allowLocalPush);
          if (publishes && !trust.trusted()) {
            // a pull request's deploy publishes nothing, so there is no release to check; a
            // verify on its own only reads, and checks the records it is given on any ref
            if (ReactorEnd.state(session).once("ghcr:verify")) {
              getLog().info("Signature verification skipped: " + trust.reason());
            }
            return;
          }
          SignatureCheck check =
              new SignatureCheck(
                  SigstoreInstance.of(null, sigstoreTrustedRoot, "ghcr", false),
                  SignerIdentity.of(
                      certificateIdentity,
                      certificateIssuer,
                      processEnvironment(),
                      "ghcr.certificateIdentity"));
          RegistryCalls calls = registryCalls(); // a bad retry budget fails now, not at the end
          if (publishes) {
            // after the release's publish and before any end-of-reactor action (the signal)
            ReactorEnd.of(session, getLog()::warn);
            ReactorEnd.state(session).offerCheck(() -> verify(check, calls, true));
          } else if (ReactorEnd.state(session).once("ghcr:verify")) {
            // nothing to wait for (mvn ghcr:verify deploy-signal:signal): verify now, so that a
            // failure stops the goals that follow
            verify(check, calls, false);
          }
        });
  }

  /**
   * @param publishes true in a run that publishes: only what it published (and the files given) is
   *     checked, never records an earlier build left under {@code target/}
   */
  private void verify(SignatureCheck check, RegistryCalls calls, boolean publishes) {
    List<PublishRecord> release = release(publishes);
    if (release.isEmpty()) {
      throw new UserError(
          "ghcr:verify found no publish record to verify: this run published nothing"
              + (publishes ? "" : " and no project has records under target/")
              + ". Give the records with"
              + " -Dghcr.verify.records=<files or folders>",
          "ghcr.verify.records",
          null);
    }
    try {
      ReleaseVerification.onGhcr(
              credentials().orElseThrow(() -> new UserError(CredentialResolver.NONE_FOUND)),
              calls,
              check,
              getLog()::info)
          .verify(release);
    } catch (UnverifiedReleaseException e) {
      throw new UserError("Release not verified: " + e.getMessage(), e);
    }
  }

  /** This run's records, then the files given; else each project's records folder. */
  private List<PublishRecord> release(boolean publishes) {
    List<PublishRecord> all = new ArrayList<>(ReactorEnd.state(session).published());
    if (records != null) {
      all.addAll(
          PublishRecords.readAll(
              records.stream().filter(Objects::nonNull).map(File::toPath).toList()));
    }
    if (all.isEmpty() && !publishes) {
      List<Path> folders =
          session.getProjects().stream()
              .map(p -> PublishRecords.recordsDirectory(Path.of(p.getBuild().getDirectory())))
              .filter(Files::isDirectory)
              .toList();
      all.addAll(PublishRecords.readAll(folders));
    }
    return all;
  }

  @Override
  protected String goal() {
    return "verify";
  }
}
