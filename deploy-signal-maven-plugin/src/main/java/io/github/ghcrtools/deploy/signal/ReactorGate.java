package io.github.ghcrtools.deploy.signal;

import java.util.List;

/**
 * Decides where in a multi-module reactor the signal goes out, as maven-deploy-plugin's
 * {@code deployAtEnd} does: once, in the last project that runs the goal, and never before a
 * project that still pushes (a signal must never go out with a record missing).
 */
public final class ReactorGate {

  /** One project of the reactor, in build order, as the gate needs to see it. */
  public record Project(String id, boolean runsSignal, boolean pushes) {}

  /** What the execution in the current project does. */
  public enum Action {
    /** A later project runs the goal: leave it to that one. */
    DEFER,
    /** Nothing pushes from here on: signal now. */
    SIGNAL_NOW,
    /** This or a later project still pushes: signal once {@link Decision#afterProject()} has finished. */
    SIGNAL_AFTER_PROJECT
  }

  /** The gate's answer and the line to log. */
  public record Decision(Action action, int afterProject, String reason) {}

  private ReactorGate() {}

  /**
   * @param projects the reactor in build order
   * @param current index of the project now executing the goal
   * @param goalOnCommandLine the goal was given on the command line, so it runs in every project
   */
  public static Decision decide(List<Project> projects, int current, boolean goalOnCommandLine) {
    for (int i = projects.size() - 1; i > current; i--) {
      if (goalOnCommandLine || projects.get(i).runsSignal()) {
        return new Decision(Action.DEFER, i, "Deploy signal deferred to " + projects.get(i).id()
            + ", the last project of the reactor that runs it");
      }
    }
    int lastPush = -1;
    for (int i = current; i < projects.size(); i++) {
      if (projects.get(i).pushes()) {
        lastPush = i;
      }
    }
    if (lastPush < 0) {
      return new Decision(Action.SIGNAL_NOW, current, "Nothing pushes after this point: signalling now");
    }
    int last = projects.size() - 1;
    return new Decision(Action.SIGNAL_AFTER_PROJECT, last, "Deploy signal will be sent when "
        + projects.get(last).id() + " has finished, after every push of the reactor");
  }
}
