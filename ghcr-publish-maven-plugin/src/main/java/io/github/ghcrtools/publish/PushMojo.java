package io.github.ghcrtools.publish;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.reactor.ReactorEnd;
import io.github.ghcrtools.core.reactor.SkipNotice;
import io.github.ghcrtools.core.release.PreparedArtifact;
import io.github.ghcrtools.core.signing.SignMode;
import io.github.ghcrtools.core.signing.SigningPlan;
import io.github.ghcrtools.core.signing.SigstoreInstance;
import io.github.ghcrtools.publish.image.BuildRequest;
import io.github.ghcrtools.publish.image.ImageBuilder;
import io.github.ghcrtools.publish.image.ImagePlatform;
import io.github.ghcrtools.publish.progress.BuildLog;
import io.github.ghcrtools.publish.push.GhcrRegistry;
import io.github.ghcrtools.publish.push.PushRequest;
import io.github.ghcrtools.publish.push.PushService;
import io.github.ghcrtools.publish.repository.ImageTarget;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Pushes the image and all its tags to {@code ghcr.io/<owner>/<image>}: only on a trusted ref, a
 * version tag on another digest is a conflict, a republish of the same digest uploads nothing, and
 * the tags are written with the rest of the release at the end of the reactor (immutable tags of
 * every artifact first, moving tags last and never backwards). Then the publish record, {@code
 * <name>.digest} and {@code <name>.ref} under {@code target/ghcr-publish/}, GitHub outputs and a
 * step summary row.
 */
@Mojo(
    name = "push",
    defaultPhase = LifecyclePhase.DEPLOY,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class PushMojo extends AbstractImageMojo {

  /**
   * Skip this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.push.skip", defaultValue = "false")
  private boolean skip;

  /**
   * Keyless Sigstore signing of the pushed image (the index for multi-platform images) and of its
   * provenance, with the GitHub Actions OIDC identity: {@code auto} signs when the job can get an
   * OIDC token ({@code permissions: id-token: write}) and otherwise says in one line why not;
   * {@code true} fails the build, before anything is pushed, when it cannot sign; {@code false}
   * signs nothing. Pull requests are never signed (nothing is pushed).
   *
   * @since 0.2.0
   */
  @Parameter(property = "ghcr.sign", defaultValue = "auto")
  private String sign = "auto";

  /**
   * A private Sigstore instance's signing config (v0.2 JSON: its Fulcio, Rekor and TSA URLs), as
   * cosign's {@code --signing-config} takes it. Empty: the public Sigstore instance.
   *
   * @since 0.2.0
   */
  @Parameter(property = "ghcr.sigstore.signingConfig")
  private String sigstoreSigningConfig;

  /**
   * That instance's trusted root JSON (cosign's {@code --trusted-root}). Empty: the public
   * instance's, from Sigstore's TUF repository.
   *
   * @since 0.2.0
   */
  @Parameter(property = "ghcr.sigstore.trustedRoot")
  private String sigstoreTrustedRoot;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info(SkipNotice.line("ghcr:push", "skip", mojoExecution, session));
      return;
    }
    run(
        () -> {
          List<ImagePlatform> platforms = imagePreflight();
          CiContext ci = ci();
          TrustedRef trust = ci.trust(allowLocalPush);
          ImageTarget target = target(trust.trusted(), "image", image);
          SignMode mode = SignMode.parse(sign, "ghcr.sign");
          Optional<SigstoreInstance> signing =
              trust.trusted()
                  ? SigningPlan.decide(
                      mode,
                      SigstoreInstance.of(sigstoreSigningConfig, sigstoreTrustedRoot, "ghcr", true),
                      processEnvironment(),
                      "ghcr.sign",
                      ReactorEnd.state(session).firstLine("sign:not-signed", getLog()::info),
                      getLog()::warn)
                  : Optional.empty();
          Optional<RegistryCredentials> credentials =
              trust.trusted() ? credentials() : Optional.empty();
          BuildRequest build =
              buildRequest(
                  target, platforms, trust.trusted() ? credentials : baseImageCredentials());
          BuildLog log = buildLog();
          PushService service =
              new PushService(
                  log,
                  // the archive ghcr:build wrote in this run is the image: no second local build
                  new ImageBuilder(
                      log,
                      Optional.of(session.getRequest().getStartTime().toInstant()),
                      this::registryCalls),
                  (repository, creds) -> new GhcrRegistry(repository, creds, registryCalls()));
          Optional<PreparedArtifact> prepared =
              service.prepare(
                  new PushRequest(
                      project.getGroupId() + ":" + project.getArtifactId(),
                      build,
                      trust,
                      credentials,
                      project.getVersion(),
                      revision(),
                      build.spec().creationTime(),
                      ci.outputFile(),
                      ci.stepSummaryFile(),
                      attachments(target, build, signing)));
          if (prepared.isPresent()) {
            deliver(prepared.get(), credentials.orElseThrow());
          }
        });
  }

  @Override
  protected String goal() {
    return "push";
  }
}
