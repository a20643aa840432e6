package io.github.ghcrtools.deploy.signal;

import org.apache.maven.execution.AbstractExecutionListener;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.project.MavenProject;

/**
 * Runs the signal once the last project of the reactor has finished all its goals: Maven runs
 * inherited plugins before the module's own in the same phase, so in the last module the signal
 * would otherwise go out before that module's own push. Every other event goes to the listener
 * Maven had (the console output); a failure of the signal fails that project, hence the build.
 */
final class SignalAfterProject implements ExecutionListener {

  private final ExecutionListener delegate;
  private final MavenProject project;
  private final Runnable signal;

  private SignalAfterProject(ExecutionListener delegate, MavenProject project, Runnable signal) {
    this.delegate = delegate != null ? delegate : new AbstractExecutionListener();
    this.project = project;
    this.signal = signal;
  }

  /** Chains a new listener in front of the session's current one. */
  static void register(org.apache.maven.execution.MavenSession session, MavenProject project, Runnable signal) {
    var request = session.getRequest();
    request.setExecutionListener(new SignalAfterProject(request.getExecutionListener(), project, signal));
  }

  @Override
  public void projectSucceeded(ExecutionEvent event) {
    if (event.getProject() == project) {
      signal.run();
    }
    delegate.projectSucceeded(event);
  }

  @Override
  public void projectDiscoveryStarted(ExecutionEvent event) {
    delegate.projectDiscoveryStarted(event);
  }

  @Override
  public void sessionStarted(ExecutionEvent event) {
    delegate.sessionStarted(event);
  }

  @Override
  public void sessionEnded(ExecutionEvent event) {
    delegate.sessionEnded(event);
  }

  @Override
  public void projectSkipped(ExecutionEvent event) {
    delegate.projectSkipped(event);
  }

  @Override
  public void projectStarted(ExecutionEvent event) {
    delegate.projectStarted(event);
  }

  @Override
  public void projectFailed(ExecutionEvent event) {
    delegate.projectFailed(event);
  }

  @Override
  public void mojoSkipped(ExecutionEvent event) {
    delegate.mojoSkipped(event);
  }

  @Override
  public void mojoStarted(ExecutionEvent event) {
    delegate.mojoStarted(event);
  }

  @Override
  public void mojoSucceeded(ExecutionEvent event) {
    delegate.mojoSucceeded(event);
  }

  @Override
  public void mojoFailed(ExecutionEvent event) {
    delegate.mojoFailed(event);
  }

  @Override
  public void forkStarted(ExecutionEvent event) {
    delegate.forkStarted(event);
  }

  @Override
  public void forkSucceeded(ExecutionEvent event) {
    delegate.forkSucceeded(event);
  }

  @Override
  public void forkFailed(ExecutionEvent event) {
    delegate.forkFailed(event);
  }

  @Override
  public void forkedProjectStarted(ExecutionEvent event) {
    delegate.forkedProjectStarted(event);
  }

  @Override
  public void forkedProjectSucceeded(ExecutionEvent event) {
    delegate.forkedProjectSucceeded(event);
  }

  @Override
  public void forkedProjectFailed(ExecutionEvent event) {
    delegate.forkedProjectFailed(event);
  }
}
