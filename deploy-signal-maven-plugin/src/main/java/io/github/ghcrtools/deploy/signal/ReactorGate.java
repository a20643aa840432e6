package io.github.ghcrtools.deploy.signal;

import java.util.List;

/**
 * Decides where in a multi-module reactor the signal goes out, as maven-deploy-plugin's
 * {@code deployAtEnd} does: once, in the last project that runs the goal, and only when no project
 * after it still pushes (a signal must never go out with a record missing).
 */
public final class ReactorGate {

  /** One project of the reactor, in build order, as the gate needs to see it. */
  public record Project(String id, boolean runsSignal, boolean pushes) {}

  /** The gate's answer: signal now, wait for a later project, or refuse the binding. */
  public record Decision(boolean signalNow, String reason) {}

  private ReactorGate() {}

  /**
   * @param projects the reactor in build order
   * @param current index of the project now executing the goal
   * @param goalOnCommandLine the goal was given on the command line, so it runs in every project
   */
  public static Decision decide(List<Project> projects, int current, boolean goalOnCommandLine) {
    int lastRunning = current;
    for (int i = projects.size() - 1; i > current; i--) {
      if (goalOnCommandLine || projects.get(i).runsSignal()) {
        lastRunning = i;
        break;
      }
    }
    if (lastRunning != current) {
      return new Decision(false, "deploy signal deferred to " + projects.get(lastRunning).id()
          + ", the last project of the reactor that runs it");
    }
    for (int i = current + 1; i < projects.size(); i++) {
      if (projects.get(i).pushes()) {
        throw new SignalException("deploy-signal:signal is bound in " + projects.get(current).id()
            + " but " + projects.get(i).id() + " pushes after it: bind the goal in the parent POM's"
            + " <build><plugins> (it then runs once, at the end) or in the last module");
      }
    }
    return new Decision(true, "last project of the reactor");
  }
}
