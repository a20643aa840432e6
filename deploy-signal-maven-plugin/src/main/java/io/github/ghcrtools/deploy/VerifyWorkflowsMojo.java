package io.github.ghcrtools.deploy;

import io.github.ghcrtools.core.failure.GoalFailures;
import io.github.ghcrtools.core.reactor.SkipNotice;
import io.github.ghcrtools.workflows.VerificationResult;
import io.github.ghcrtools.workflows.WorkflowVerifier;
import java.io.File;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the project's GitHub Actions workflows against the suite's CI/CD policy before anything is
 * built, so that a workflow that could leak a push or a deployment fails in review rather than in
 * production. Each violation is logged as an error, {@code <file>: job '<job>' step '<step>':
 * <what> — <fix>}, and then the build fails with the count; each warning is logged the same way as
 * a warning and fails nothing.
 *
 * <p>Rules: no step writes {@code /etc/hosts}, Docker's {@code daemon.json}, {@code
 * registries.conf} or registry certificates; no step configures an insecure registry; no step logs
 * in or pushes to a registry other than ghcr.io, and no image the workflow names (action inputs,
 * {@code container:}, {@code services:}) lives elsewhere; no {@code run:} script expands step or
 * job outputs, {@code github.event.*} or {@code github.head_ref}; actions are pinned by full commit
 * SHA (a warning for GitHub's own {@code actions/*}); a job running the deploy script or {@code
 * deploy-signal:signal} runs on a self-hosted runner, cannot start on {@code pull_request}/{@code
 * pull_request_target} and does not hold {@code packages: write}, while every other publishing job
 * has it. The checks are the library ghcr-workflow-policy's; this goal only runs them on the
 * project's workflows directory.
 */
@Mojo(name = "verify-workflows", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class VerifyWorkflowsMojo extends AbstractMojo {

  /**
   * Directory holding the workflow files; only {@code *.yml} and {@code *.yaml} directly inside it
   * are read. A missing directory is logged and passes (modules of a multi-module build usually
   * have none).
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "deploy-signal.workflowsDirectory",
      defaultValue = "${project.basedir}/.github/workflows")
  private File workflowsDirectory;

  /**
   * Skips the check.
   *
   * @since 0.1.0
   */
  @Parameter(property = "deploy-signal.verifyWorkflows.skip", defaultValue = "false")
  private boolean skip;

  /** The running goal, whose merged configuration says where a skip came from. */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  MojoExecution mojoExecution;

  /** The run, whose properties say where a skip came from (with the goal's configuration). */
  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  /** Files are named relative to this directory in messages. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  private File basedir;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog()
          .info(SkipNotice.line("deploy-signal:verify-workflows", "skip", mojoExecution, session));
      return;
    }
    GoalFailures.run(
        "deploy-signal:verify-workflows",
        getLog(),
        () -> {
          VerificationResult result;
          try {
            result = new WorkflowVerifier(basedir.toPath()).verify(workflowsDirectory.toPath());
          } catch (WorkflowVerifier.InvalidWorkflowException e) {
            throw new MojoFailureException(e.getMessage(), e);
          }
          if (result.files() == 0) {
            getLog().info("No workflow files in " + result.directory() + "; nothing to verify");
            return;
          }
          result.warnings().forEach(warning -> getLog().warn(warning.toString()));
          result.violations().forEach(violation -> getLog().error(violation.toString()));
          if (!result.compliant()) {
            throw new MojoFailureException(result.failureMessage());
          }
          int warnings = result.warnings().size();
          getLog()
              .info(
                  result.files()
                      + " workflow file(s) in "
                      + result.directory()
                      + " comply with the ghcr.io policy"
                      + (warnings == 0
                          ? ""
                          : " (" + warnings + " warning" + (warnings == 1 ? "" : "s") + " above)"));
        });
  }
}
