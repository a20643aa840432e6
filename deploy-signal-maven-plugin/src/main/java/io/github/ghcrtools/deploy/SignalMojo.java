package io.github.ghcrtools.deploy;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.CredentialResolver;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.GoalFailures;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.reactor.PluginUse;
import io.github.ghcrtools.core.reactor.ReactorEnd;
import io.github.ghcrtools.core.reactor.SkipNotice;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.release.ReleaseState;
import io.github.ghcrtools.core.signing.ReleaseVerification;
import io.github.ghcrtools.core.signing.SignatureCheck;
import io.github.ghcrtools.core.signing.SignatureRequirement;
import io.github.ghcrtools.core.signing.SignerIdentity;
import io.github.ghcrtools.core.signing.SigstoreInstance;
import io.github.ghcrtools.core.signing.UnverifiedReleaseException;
import io.github.ghcrtools.deploy.signal.DeploySignal;
import io.github.ghcrtools.deploy.signal.ScriptRunner;
import io.github.ghcrtools.deploy.signal.SignalException;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Sends the deploy signal: calls the runner-local script with the chart and the digest-pinned
 * images recorded by this build's pushes (or by record files given on the command line).
 */
@Mojo(
    name = "signal",
    defaultPhase = LifecyclePhase.DEPLOY,
    threadSafe = true,
    requiresProject = false)
public class SignalMojo extends AbstractMojo {

  static final String DEFAULT_SCRIPT = "/home/github-runner/deploy-pytoya.sh";

  /**
   * Skip the goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.skip", defaultValue = "false")
  private boolean skip;

  /**
   * The runner-local deploy script.
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.script", defaultValue = DEFAULT_SCRIPT)
  private String script;

  /**
   * Extra publish record files or folders, e.g. downloaded from another job's artifact.
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.records")
  private List<File> records;

  /**
   * The chart to deploy when several were published; defaults to env CHART_ID.
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.chart", defaultValue = "${env.CHART_ID}")
  private String chart;

  /**
   * Print and record the command instead of running it.
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.dryRun", defaultValue = "false")
  private boolean dryRun;

  /**
   * Seconds the script may run before it is stopped and the build fails.
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.timeout", defaultValue = "900")
  private int timeout;

  /**
   * Fail, instead of skipping, when the ref is not trusted (pull requests, unprotected branches).
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.failOnUntrusted", defaultValue = "false")
  private boolean failOnUntrusted;

  /**
   * Send the signal for a release without images (the chart alone). Off by default: a release whose
   * images went missing must not deploy {@code --images '{}'}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.allowNoImages", defaultValue = "false")
  private boolean allowNoImages;

  /**
   * Outside GitHub Actions, signal anyway (the suite-wide switch for local runs).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.allowLocalPush", defaultValue = "false")
  private boolean allowLocalPush;

  /**
   * Verify the Sigstore signature of every image and chart before the signal: {@code auto}
   * (default) when the release was signed (a record lists a Sigstore bundle, which is whenever
   * signing was on), {@code true} always, {@code false} never. A release that does not verify sends
   * no signal.
   *
   * @since 0.2.0
   */
  @Parameter(property = "deploy-signal.requireSignatures", defaultValue = "auto")
  private String requireSignatures = "auto";

  /**
   * A regular expression the signing certificate's identity must match entirely. Default: this
   * repository's workflows ({@code GITHUB_REPOSITORY}) run on a tag or on the default branch.
   *
   * @since 0.2.0
   */
  @Parameter(property = "deploy-signal.certificateIdentity")
  private String certificateIdentity;

  /**
   * The OIDC issuer the signing certificate must name.
   *
   * @since 0.2.0
   */
  @Parameter(
      property = "deploy-signal.certificateIssuer",
      defaultValue = SignerIdentity.GITHUB_ISSUER)
  private String certificateIssuer;

  /**
   * A private Sigstore instance's trusted root JSON. Empty: the public instance's.
   *
   * @since 0.2.0
   */
  @Parameter(property = "deploy-signal.sigstore.trustedRoot")
  private String sigstoreTrustedRoot;

  /**
   * Retries of the signature reads: the longest total wait, in seconds.
   *
   * @since 0.2.0
   */
  @Parameter(property = "deploy-signal.retry.maxTotalWait", defaultValue = "60")
  private int retryMaxTotalWait = 60;

  @Parameter(defaultValue = "${settings}", readonly = true)
  private Settings settings;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  private PluginDescriptor plugin;

  @Inject private SettingsDecrypter settingsDecrypter;

  /** The running goal, whose merged configuration says where a skip came from. */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  MojoExecution mojoExecution;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info(SkipNotice.line("deploy-signal:signal", "skip", mojoExecution, session));
      return;
    }
    GoalFailures.run(
        "deploy-signal:signal",
        getLog(),
        () -> {
          if (timeout < 1) {
            throw new UserError(
                "Parameter 'timeout' (-Ddeploy-signal.timeout) is "
                    + timeout
                    + ": give the seconds the deploy script may run, 1 or more (default 900).",
                "timeout",
                null);
          }
          TrustedRef trust = CiContext.from(System.getenv()).trust(allowLocalPush);
          if (!trust.trusted() && !failOnUntrusted) {
            // said once, first, and nothing at the end: a pull request never signals
            if (ReactorEnd.of(session, getLog()::warn).atEnd("deploy signal", () -> {})) {
              getLog().info("Deploy signal skipped: " + trust.reason());
            }
            return;
          }
          SignatureRequirement required =
              SignatureRequirement.parse(requireSignatures, "deploy-signal.requireSignatures");
          RegistryCalls calls = calls(); // a bad retry budget fails now, not at the end
          if (ReactorEnd.of(session, getLog()::warn)
              .atEnd("deploy signal", () -> signal(required, calls))) {
            // the records are read once the reactor has finished: their mapping loads meanwhile
            PublishRecords.warmUpInBackground();
            getLog()
                .info(
                    "Deploy signal: sent once every project of the reactor has succeeded and the release is published");
          } else {
            getLog().debug("Deploy signal already set up by an earlier project of this reactor");
          }
        });
  }

  /**
   * Gathers the records and sends the signal; failures are unchecked so that the listener can throw
   * them.
   */
  private void signal(SignatureRequirement required, RegistryCalls calls) {
    if (session.getResult() != null && session.getResult().hasExceptions()) {
      throw new SignalException("Deploy signal not sent: a project of this build failed");
    }
    CiContext ci = CiContext.from(System.getenv());
    TrustedRef trust = ci.trust(allowLocalPush);
    ReleaseState state = ReactorEnd.state(session);
    if (trust.trusted()) {
      checkComplete(state);
    }
    List<PublishRecord> release = gatherRecords(state);
    var request =
        new DeploySignal.Request(
            release,
            chart,
            script,
            dryRun,
            trust,
            failOnUntrusted,
            allowNoImages,
            outputDirectory(),
            ci.outputFile(),
            ci.stepSummaryFile());
    var runner =
        new ScriptRunner(
            Duration.ofSeconds(timeout), line -> getLog().info("[deploy script] " + line));
    new DeploySignal(
            runner,
            getLog()::info,
            records -> {
              if (required != SignatureRequirement.NEVER) {
                verifySignatures(records, required, calls);
              }
            })
        .send(request);
  }

  /**
   * Every project of the reactor whose push runs in this build must have delivered to this release;
   * in a promote run, every project that pushes must have promoted. A build that does not reach
   * {@code deploy} nor names a push or promote goal (the deploy job's {@code mvn
   * deploy-signal:signal -Ddeploy-signal.records=...}) pushes nothing and is not held to it.
   */
  private void checkComplete(ReleaseState state) {
    boolean promotes = session.getGoals().stream().anyMatch(g -> g.endsWith(":promote"));
    boolean pushesRun =
        session.getGoals().stream().anyMatch(g -> g.equals("deploy") || g.endsWith(":push"));
    if (!pushesRun && !promotes) {
      return;
    }
    List<String> leftOut = leftOutOfThisBuild();
    if (!leftOut.isEmpty() && (records == null || records.stream().allMatch(Objects::isNull))) {
      throw new SignalException(
          "Deploy signal not sent: this build leaves out "
              + String.join(", ", leftOut)
              + " (-pl or -rf), which push an image or chart of the release; a deploy"
              + " must carry every image and chart of the release. Build the whole reactor, pass"
              + " their records with -Ddeploy-signal.records=<files or folders>, or skip the"
              + " signal (-Ddeploy-signal.skip).");
    }
    Set<String> delivered = state.deliveredProjects();
    List<String> missing =
        session.getProjects().stream()
            .filter(SignalMojo::runsPush)
            .map(p -> p.getGroupId() + ":" + p.getArtifactId())
            .filter(id -> !delivered.contains(id))
            .toList();
    List<String> unpublished =
        state.unpublished().stream().map(a -> a.repository() + "@" + a.digest()).toList();
    if (!unpublished.isEmpty()) {
      throw new SignalException(
          "Deploy signal not sent: "
              + String.join(", ", unpublished)
              + " were prepared but not published in this build; the release is incomplete.");
    }
    if (!missing.isEmpty() && !pushesRun) {
      throw new SignalException(
          "Deploy signal not sent: the promotion misses "
              + String.join(", ", missing)
              + ", which push an image or chart of the release but promoted nothing in this build;"
              + " a deploy must carry every image and chart of the release. Promote them too"
              + " (ghcr:promote helm-oci:promote), or skip the signal (-Ddeploy-signal.skip).");
    }
    if (!missing.isEmpty()) {
      throw new SignalException(
          "Deploy signal not sent: the release misses "
              + String.join(", ", missing)
              + ", which run ghcr:push or helm-oci:push but published nothing in this build (skipped?); a deploy must"
              + " carry every image and chart of the release. Publish them, or skip the signal (-Ddeploy-signal.skip).");
    }
  }

  /**
   * The reactor's projects that push but are not built in this run: {@code -pl} and {@code -rf}
   * select part of the reactor, and what they leave out would be missing from the signal without a
   * word.
   */
  private List<String> leftOutOfThisBuild() {
    List<MavenProject> all = session.getAllProjects();
    if (all == null) {
      return List.of();
    }
    List<MavenProject> built = session.getProjects();
    return all.stream()
        .filter(p -> !built.contains(p))
        .filter(SignalMojo::runsPush)
        .map(p -> p.getGroupId() + ":" + p.getArtifactId())
        .toList();
  }

  private static boolean runsPush(MavenProject p) {
    return PluginUse.pushes(p, "io.github.ghcrtools:ghcr-publish-maven-plugin")
        || PluginUse.pushes(p, "io.github.ghcrtools:helm-oci-maven-plugin");
  }

  /**
   * Every image and chart of the release carries a verifying signature, or no signal goes; with
   * {@code auto}, only when the release was signed (its records or its referrers indexes say so).
   */
  private void verifySignatures(
      List<PublishRecord> release, SignatureRequirement required, RegistryCalls calls) {
    Map<String, String> env = System.getenv();
    Optional<RegistryCredentials> credentials =
        PluginRegistry.credentials(settings, settingsDecrypter, env);
    if (credentials.isEmpty() && !required.knownSigned(release)) {
      getLog()
          .info(
              "Signatures not checked: the records list no Sigstore bundle and there are no"
                  + " registry credentials to look for one (requireSignatures=auto)");
      return;
    }
    SignatureCheck check =
        new SignatureCheck(
            SigstoreInstance.of(null, sigstoreTrustedRoot, "deploy-signal", false),
            SignerIdentity.of(
                certificateIdentity, certificateIssuer, env, "deploy-signal.certificateIdentity"));
    try {
      ReleaseVerification.onGhcr(
              credentials.orElseThrow(() -> new UserError(CredentialResolver.NONE_FOUND)),
              calls,
              check,
              getLog()::info)
          .verify(release, required == SignatureRequirement.ALWAYS);
    } catch (UnverifiedReleaseException e) {
      throw new SignalException(
          "Deploy signal not sent: "
              + e.getMessage()
              + ". Sign the release (permissions: id-token: write in the publishing job), or"
              + " turn the check off with -Ddeploy-signal.requireSignatures=false");
    }
  }

  private RegistryCalls calls() {
    return PluginRegistry.calls(session, plugin, retryMaxTotalWait, getLog()::warn);
  }

  /**
   * The records this build published, then those of the files and folders given in {@code records}.
   */
  private List<PublishRecord> gatherRecords(ReleaseState state) {
    var all = new ArrayList<>(state.published());
    if (records != null) {
      // -Ddeploy-signal.records=dir, gives a null entry
      all.addAll(
          PublishRecords.readAll(
              records.stream().filter(Objects::nonNull).map(File::toPath).toList()));
    }
    return all;
  }

  private Path outputDirectory() {
    MavenProject top =
        session.getTopLevelProject() != null ? session.getTopLevelProject() : project;
    return Path.of(top.getBuild().getDirectory()).resolve("deploy-signal");
  }
}
