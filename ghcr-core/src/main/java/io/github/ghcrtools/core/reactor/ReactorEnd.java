package io.github.ghcrtools.core.reactor;

import io.github.ghcrtools.core.failure.GoalFailures;
import io.github.ghcrtools.core.release.ReleaseState;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.maven.execution.BuildFailure;
import org.apache.maven.execution.BuildSuccess;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * The end of the reactor, decided from what Maven knows about completion and never from list order:
 * Maven records a project's build summary before it announces the project's success, so when a
 * {@code ProjectSucceeded} event finds a {@link BuildSuccess} for every project of the session, the
 * last project has just finished, whatever {@code -T} did to the order. Then, once per run, the
 * release's publisher runs (the artifacts' tags) and then this plugin's own end-of-release actions
 * (the deploy signal). A failed or skipped project means the end never comes: nothing is tagged,
 * and the log says which project stopped the release.
 *
 * <p>One listener per plugin class realm, chained in front of Maven's own; the realms share only
 * {@link ReleaseState}. An exception thrown here fails the project whose success was announced,
 * hence the build.
 */
public final class ReactorEnd extends ForwardingListener {

  /**
   * This plugin realm's name in the shared state: each realm loads this class anew, so each draws
   * its own 64 random bits. A class loader's identity hash, used before, could be shared by two.
   */
  private static final String REALM =
      Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());

  private final ReleaseState state;
  private final Consumer<String> warn;
  private final List<Action> actions = new CopyOnWriteArrayList<>();
  private final String realm;

  private ReactorEnd(ExecutionListener delegate, ReleaseState state, Consumer<String> warn) {
    super(delegate);
    this.state = state;
    this.warn = warn;
    this.realm = REALM;
  }

  /** The release state of the run of {@code session}; safe from any thread and plugin realm. */
  public static ReleaseState state(MavenSession session) {
    // a state of its own would answer every once() with true: only Maven's run is shared
    Objects.requireNonNull(session, "session");
    return ReleaseState.over(RunShared.of(session).get(ReleaseState.KEY, ConcurrentHashMap::new));
  }

  /**
   * This plugin realm's listener for the run of {@code session}, registered on first use.
   *
   * @param warn where the line naming a project that stopped the release goes
   */
  public static ReactorEnd of(MavenSession session, Consumer<String> warn) {
    var request = session.getRequest();
    // the key holds this realm's name, so what is kept there is this realm's class
    return (ReactorEnd)
        RunShared.of(session)
            .get(
                ReleaseState.KEY + ".listener." + REALM,
                () -> {
                  ReactorEnd listener =
                      new ReactorEnd(request.getExecutionListener(), state(session), warn);
                  request.setExecutionListener(listener);
                  // under -T a project may have failed before this realm listened: say so all the
                  // same
                  MavenExecutionResult result = session.getResult();
                  for (MavenProject project : session.getProjects()) {
                    if (result != null && result.getBuildSummary(project) instanceof BuildFailure) {
                      listener.stopped(project, "failed");
                    }
                  }
                  return listener;
                });
  }

  /**
   * Adds an action run once at the end of a successful reactor, after the release's tags; the first
   * with a name wins.
   *
   * @return true when this call added it (false: an earlier project's execution did)
   */
  public synchronized boolean atEnd(String name, Runnable action) {
    if (state.once("action:" + realm + ":" + name)) {
      actions.add(new Action(name, action));
      return true;
    }
    return false;
  }

  @Override
  public void projectSucceeded(ExecutionEvent event) {
    if (allSucceeded(event.getSession()) && state.once("end:" + realm)) {
      GoalFailures.deferred("the release publish", state::runPublisher);
      actions.forEach(action -> GoalFailures.deferred("the " + action.name(), action.work()));
    }
    super.projectSucceeded(event);
  }

  @Override
  public void projectFailed(ExecutionEvent event) {
    stopped(event, "failed");
    super.projectFailed(event);
  }

  @Override
  public void projectSkipped(ExecutionEvent event) {
    stopped(event, "was skipped");
    super.projectSkipped(event);
  }

  private void stopped(ExecutionEvent event, String what) {
    stopped(event.getProject(), what);
  }

  private void stopped(MavenProject project, String what) {
    if (state.once("stopped")) {
      warn.accept(
          "Release not published: "
              + (project == null ? "a project" : project.getId())
              + " "
              + what
              + ", so no tag is written and no deploy signal is sent (the blobs already uploaded stay invisible).");
    }
  }

  /** Every project of the session has finished with success (a failed one never will). */
  static boolean allSucceeded(MavenSession session) {
    MavenExecutionResult result = session.getResult();
    for (MavenProject project : session.getProjects()) {
      if (!(result.getBuildSummary(project) instanceof BuildSuccess)) {
        return false;
      }
    }
    return !(result.hasExceptions());
  }

  /** End-of-reactor work, with the name a bug report gives it. */
  private record Action(String name, Runnable work) {}
}
