package io.github.ghcrtools.deploy.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ghcrtools.deploy.signal.ReactorGate.Action;
import io.github.ghcrtools.deploy.signal.ReactorGate.Project;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReactorGateTest {

  private final List<Project> inheritedEverywhere = List.of(
      new Project("parent", true, false), new Project("api", true, true),
      new Project("web", true, true), new Project("chart", true, true));

  @Test
  void inheritedBindingDefersToTheLastProjectWhichSignalsAfterItsOwnPush() {
    for (int i = 0; i < 3; i++) {
      var decision = ReactorGate.decide(inheritedEverywhere, i, false);
      assertEquals(Action.DEFER, decision.action());
      assertEquals("Deploy signal deferred to chart, the last project of the reactor that runs it", decision.reason());
    }
    var last = ReactorGate.decide(inheritedEverywhere, 3, false);
    assertEquals(Action.SIGNAL_AFTER_PROJECT, last.action());
    assertEquals(3, last.afterProject());
  }

  @Test
  void commandLineGoalWithNothingToPushSignalsInTheLastProjectAtOnce() {
    var none = List.of(new Project("a", false, false), new Project("b", false, false));
    assertEquals(Action.DEFER, ReactorGate.decide(none, 0, true).action());
    assertEquals(Action.SIGNAL_NOW, ReactorGate.decide(none, 1, true).action());
  }

  @Test
  void bindingInAModuleBeforeLaterPushesWaitsForTheEndOfTheReactor() {
    var early = List.of(new Project("chart", true, true), new Project("api", false, true),
        new Project("docs", false, false));
    var decision = ReactorGate.decide(early, 0, false);

    assertEquals(Action.SIGNAL_AFTER_PROJECT, decision.action());
    assertEquals(2, decision.afterProject());
    assertEquals("Deploy signal will be sent when docs has finished, after every push of the reactor",
        decision.reason());
  }
}
