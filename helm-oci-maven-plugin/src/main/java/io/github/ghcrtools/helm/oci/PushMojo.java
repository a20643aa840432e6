package io.github.ghcrtools.helm.oci;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.reactor.ReactorEnd;
import io.github.ghcrtools.core.reactor.ReleaseDelivery;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.referrers.Attachments;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.release.ReleasePublisher;
import io.github.ghcrtools.core.release.ReleaseReport;
import io.github.ghcrtools.core.signing.SignMode;
import io.github.ghcrtools.core.signing.SigningPlan;
import io.github.ghcrtools.core.signing.SigstoreInstance;
import io.github.ghcrtools.helm.oci.packaging.ChartSbom;
import io.github.ghcrtools.helm.oci.packaging.ChartSecretScan;
import io.github.ghcrtools.helm.oci.packaging.ChartTime;
import io.github.ghcrtools.helm.oci.push.ChartPushRequest;
import io.github.ghcrtools.helm.oci.push.ChartPusher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Pushes the chart {@code helm-oci:package} built to {@code
 * oci://ghcr.io/<owner>/charts/<name>:<version>} with Helm's media types and annotations, and
 * records the digest for the deploy signal. Only trusted runs push (tag pushes, protected branches,
 * workflow_dispatch, release; locally with {@code -Dghcr.allowLocalPush=true}); other runs log why
 * and leave the registry alone. There is deliberately no registry, plain-http or TLS parameter: the
 * target is always ghcr.io over verified https.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends AbstractRegistryChartMojo {

  /**
   * Replace a chart version that already exists with different content (normally refused).
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.allowOverwrite", defaultValue = "false")
  boolean allowOverwrite;

  /**
   * Publish with the whole reactor: this module only checks the version and uploads the blobs, and
   * the chart's tag is written with every image's once the last project has succeeded (nothing when
   * one failed). {@code false} publishes the chart as soon as it is ready. The same switch as
   * ghcr-publish's.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.pushAtEnd", defaultValue = "true")
  boolean pushAtEnd = true;

  /**
   * Attach the chart's CycloneDX SBOM ({@code helm-oci:package} writes it beside the {@code .tgz})
   * to the chart on ghcr.io.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.sbom", defaultValue = "true")
  boolean sbom = true;

  /**
   * Attach SLSA v1 provenance (an in-toto statement, unsigned) to the chart on ghcr.io.
   *
   * @since 0.1.0
   */
  @Parameter(property = "helm-oci.provenance", defaultValue = "true")
  boolean provenance = true;

  /**
   * Keyless Sigstore signing of the chart manifest and of its provenance, with the GitHub Actions
   * OIDC identity: {@code auto} signs when the job can get an OIDC token ({@code permissions:
   * id-token: write}) and otherwise says in one line why not; {@code true} fails the build, before
   * anything is pushed, when it cannot sign; {@code false} signs nothing. Pull requests are never
   * signed.
   *
   * @since 0.2.0
   */
  @Parameter(property = "helm-oci.sign", defaultValue = "auto")
  String sign = "auto";

  /**
   * A private Sigstore instance's signing config (v0.2 JSON), as cosign's {@code --signing-config}
   * takes it. Empty: the public Sigstore instance.
   *
   * @since 0.2.0
   */
  @Parameter(property = "helm-oci.sigstore.signingConfig")
  String sigstoreSigningConfig;

  /**
   * That instance's trusted root JSON (cosign's {@code --trusted-root}). Empty: the public
   * instance's.
   *
   * @since 0.2.0
   */
  @Parameter(property = "helm-oci.sigstore.trustedRoot")
  String sigstoreTrustedRoot;

  @Override
  String goal() {
    return "push";
  }

  @Override
  void run()
      throws IOException, InterruptedException, MojoExecutionException, MojoFailureException {
    ChartSecretScan.checkPackage(
        baseDirectory.toPath(),
        PublishRecords.buildRecordsDirectory(buildDirectory.toPath()),
        effectiveChartName(),
        scanSettings(),
        knownSecrets(System.getenv(), this::settingsCredentials),
        getLog()::warn,
        getLog()::info);
    RegistryCalls calls = registryCalls();
    CiContext ci = CiContext.from(System.getenv());
    ChartPusher.onGhcr(
            pushLog(),
            calls,
            (artifact, credentials) ->
                ReleaseDelivery.deliver(
                    session,
                    artifact,
                    pushAtEnd,
                    new ReleasePublisher(
                        credentials,
                        calls,
                        new ReleaseReport(ci.outputFile(), ci.stepSummaryFile()),
                        getLog()::info,
                        System.getenv()),
                    getLog()::info,
                    getLog()::warn))
        .push(request());
  }

  private ChartPushRequest request() {
    Path target = buildDirectory.toPath();
    Map<String, String> env = System.getenv();
    return new ChartPushRequest(
        project.getGroupId() + ":" + project.getArtifactId(),
        baseDirectory.toPath(),
        PublishRecords.buildRecordsDirectory(target),
        PublishRecords.recordsDirectory(target),
        effectiveChartName(),
        owner,
        chartsPrefix,
        allowOverwrite,
        allowLocalPush,
        ChartTime.resolve(outputTimestamp),
        env,
        properties(),
        settingsCredentials(),
        home(env),
        Attachments.of(
            digest ->
                sbom
                    ? ChartSbom.recorded(baseDirectory.toPath(), target, effectiveChartName())
                    : Optional.empty(),
            provenance,
            target.resolve("helm").resolve(effectiveChartName() + ".provenance.json"),
            baseDirectory.toPath(),
            env,
            plugin == null ? "unknown" : plugin.getVersion(),
            ChartTime.resolve(outputTimestamp),
            session == null ? Instant.now() : session.getRequest().getStartTime().toInstant(),
            signing(env)));
  }

  /** The Sigstore instance that signs this push, decided before anything is sent. */
  private Optional<SigstoreInstance> signing(Map<String, String> env) {
    SignMode mode = SignMode.parse(sign, "helm-oci.sign");
    if (!CiContext.from(env).trust(allowLocalPush).trusted()) {
      return Optional.empty(); // nothing is pushed, so nothing is signed
    }
    return SigningPlan.decide(
        mode,
        SigstoreInstance.of(sigstoreSigningConfig, sigstoreTrustedRoot, "helm-oci", true),
        env,
        "helm-oci.sign",
        ReactorEnd.state(session).firstLine("sign:not-signed", getLog()::info),
        getLog()::warn);
  }
}
