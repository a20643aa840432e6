package io.github.ghcrtools.deploy;

import io.github.ghcrtools.core.failure.GoalFailures;
import io.github.ghcrtools.workflows.VerificationResult;
import io.github.ghcrtools.workflows.WorkflowVerifier;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the project's GitHub Actions workflows against the suite's CI/CD policy before anything is
 * built, so that a workflow that could leak a push or a deployment fails in review rather than in
 * production. Each violation is logged as {@code <file>: job '<job>' step '<step>': <what> —
 * <fix>}; then the build fails with the count.
 *
 * <p>Rules: no step writes {@code /etc/hosts}, Docker's {@code daemon.json}, {@code
 * registries.conf} or registry certificates; no step configures an insecure registry; no step logs
 * in or pushes to a registry other than ghcr.io; no step running the deploy script or {@code
 * deploy-signal:signal} can run on {@code pull_request}/{@code pull_request_target}; every
 * publishing job has {@code packages: write}. The checks are the library ghcr-workflow-policy's;
 * this goal only runs them on the project's workflows directory.
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

  /** Files are named relative to this directory in messages. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  private File basedir;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping workflow verification (deploy-signal.verifyWorkflows.skip=true)");
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
          result.violations().forEach(violation -> getLog().error(violation.toString()));
          if (!result.compliant()) {
            throw new MojoFailureException(result.failureMessage());
          }
          getLog()
              .info(
                  result.files()
                      + " workflow file(s) in "
                      + result.directory()
                      + " comply with the ghcr.io policy");
        });
  }
}
