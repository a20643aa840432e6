package io.github.ghcrtools.deploy.signal;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.record.RecordException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Sends the deploy signal: calls the runner-local script with the chart and the digest-pinned
 * images recorded by this build's pushes (or by record files given on the command line).
 */
@Mojo(name = "signal", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true, requiresProject = false)
public class SignalMojo extends AbstractMojo {

  static final String DEFAULT_SCRIPT = "/home/github-runner/deploy-pytoya.sh";
  private static final String RECORDS_FOLDER = "ghcr-publish/records";

  /** Skip the goal. */
  @Parameter(property = "deploy-signal.skip", defaultValue = "false")
  private boolean skip;

  /** The runner-local deploy script. */
  @Parameter(property = "deploy-signal.script", defaultValue = DEFAULT_SCRIPT)
  private String script;

  /** Extra publish record files or folders, e.g. downloaded from another job's artifact. */
  @Parameter(property = "deploy-signal.records")
  private List<File> records;

  /** The chart to deploy when several were published; defaults to env CHART_ID. */
  @Parameter(property = "deploy-signal.chart", defaultValue = "${env.CHART_ID}")
  private String chart;

  /** Print and record the command instead of running it. */
  @Parameter(property = "deploy-signal.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** Seconds the script may run before it is stopped and the build fails. */
  @Parameter(property = "deploy-signal.timeout", defaultValue = "900")
  private int timeout;

  /** Fail, instead of skipping, when the ref is not trusted (pull requests, unprotected branches). */
  @Parameter(property = "deploy-signal.failOnUntrusted", defaultValue = "false")
  private boolean failOnUntrusted;

  /** Outside GitHub Actions, signal anyway (the suite-wide switch for local runs). */
  @Parameter(property = "ghcr.allowLocalPush", defaultValue = "false")
  private boolean allowLocalPush;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  private MojoExecution mojoExecution;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("Skipping deploy signal (deploy-signal.skip)");
      return;
    }
    try {
      ReactorGate.Decision decision = ReactorGate.decide(reactor(), session.getProjects().indexOf(project),
          goalOnCommandLine());
      switch (decision.action()) {
        case DEFER -> getLog().info(decision.reason());
        case SIGNAL_AFTER_PROJECT -> {
          getLog().info(decision.reason());
          SignalAfterProject.register(session, session.getProjects().get(decision.afterProject()), this::signal);
        }
        case SIGNAL_NOW -> signal();
      }
    } catch (SignalException | PolicyViolationException | RecordException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  /** Gathers the records and sends the signal; failures are unchecked so that a listener can throw them. */
  private void signal() {
    if (session.getResult() != null && session.getResult().hasExceptions()) {
      // --fail-at-end: a project failed but the last one still ran; its records are incomplete
      throw new SignalException("Deploy signal not sent: an earlier project of this build failed");
    }
    CiContext ci = CiContext.from(System.getenv());
    var request = new DeploySignal.Request(gatherRecords(), chart, script, dryRun,
        ci.trust(allowLocalPush), failOnUntrusted, outputDirectory(), ci.outputFile(), ci.stepSummaryFile());
    var runner = new ScriptRunner(Duration.ofSeconds(timeout), line -> getLog().info("[deploy script] " + line));
    new DeploySignal(runner, getLog()::info).send(request);
  }

  private static boolean runsPush(MavenProject p) {
    return runsGoal(p.getBuildPlugins(), "io.github.ghcrtools:ghcr-publish-maven-plugin", "push")
        || runsGoal(p.getBuildPlugins(), "io.github.ghcrtools:helm-oci-maven-plugin", "push");
  }

  private List<ReactorGate.Project> reactor() {
    String self = mojoExecution.getPlugin().getKey();
    var projects = new ArrayList<ReactorGate.Project>();
    for (MavenProject p : session.getProjects()) {
      projects.add(new ReactorGate.Project(p.getArtifactId(), runsGoal(p.getBuildPlugins(), self, "signal"),
          runsPush(p)));
    }
    return projects;
  }

  private static boolean runsGoal(List<Plugin> plugins, String pluginKey, String goal) {
    return plugins.stream().filter(p -> p.getKey().equals(pluginKey))
        .flatMap(p -> p.getExecutions().stream())
        .anyMatch(e -> e.getGoals().contains(goal));
  }

  private boolean goalOnCommandLine() {
    String prefix = mojoExecution.getMojoDescriptor().getPluginDescriptor().getGoalPrefix();
    String artifactId = mojoExecution.getArtifactId();
    return session.getGoals().stream().anyMatch(g -> g.equals(prefix + ":signal")
        || (g.contains(artifactId) && g.endsWith(":signal")));
  }

  private List<PublishRecord> gatherRecords() {
    var sources = new ArrayList<Path>();
    for (MavenProject p : session.getProjects()) {
      Path folder = Path.of(p.getBuild().getDirectory()).resolve(RECORDS_FOLDER);
      if (Files.isDirectory(folder)) {
        sources.add(folder);
      }
    }
    if (records != null) {
      records.forEach(f -> sources.add(f.toPath()));
    }
    return PublishRecords.readAll(sources);
  }

  private Path outputDirectory() {
    MavenProject top = session.getTopLevelProject() != null ? session.getTopLevelProject() : project;
    return Path.of(top.getBuild().getDirectory()).resolve("deploy-signal");
  }
}
