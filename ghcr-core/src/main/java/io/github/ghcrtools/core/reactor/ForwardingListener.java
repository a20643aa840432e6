package io.github.ghcrtools.core.reactor;

import org.apache.maven.execution.AbstractExecutionListener;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;

/** An {@link ExecutionListener} that passes every event on to the listener Maven had before it. */
abstract class ForwardingListener implements ExecutionListener {

  private final ExecutionListener delegate;

  ForwardingListener(ExecutionListener delegate) {
    this.delegate = delegate != null ? delegate : new AbstractExecutionListener();
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
  public void projectSucceeded(ExecutionEvent event) {
    delegate.projectSucceeded(event);
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
