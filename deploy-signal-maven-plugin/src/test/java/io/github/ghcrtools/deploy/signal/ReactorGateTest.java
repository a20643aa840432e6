package io.github.ghcrtools.deploy.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.deploy.signal.ReactorGate.Project;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReactorGateTest {

  private final List<Project> inheritedEverywhere = List.of(
      new Project("parent", true, false), new Project("api", true, true),
      new Project("web", true, true), new Project("chart", true, true));

  @Test
  void inheritedBindingSignalsOnlyInTheLastProject() {
    for (int i = 0; i < 3; i++) {
      var decision = ReactorGate.decide(inheritedEverywhere, i, false);
      assertFalse(decision.signalNow());
      assertEquals("deploy signal deferred to chart, the last project of the reactor that runs it", decision.reason());
    }
    assertTrue(ReactorGate.decide(inheritedEverywhere, 3, false).signalNow());
  }

  @Test
  void commandLineGoalRunsInEveryProjectSoOnlyTheLastSignals() {
    var none = List.of(new Project("a", false, false), new Project("b", false, false));
    assertFalse(ReactorGate.decide(none, 0, true).signalNow());
    assertTrue(ReactorGate.decide(none, 1, true).signalNow());
  }

  @Test
  void bindingBeforeALaterPushIsRefused() {
    var early = List.of(new Project("chart", true, true), new Project("api", false, true));
    var e = assertThrows(SignalException.class, () -> ReactorGate.decide(early, 0, false));
    assertEquals("deploy-signal:signal is bound in chart but api pushes after it: bind the goal in the parent"
        + " POM's <build><plugins> (it then runs once, at the end) or in the last module", e.getMessage());
  }
}
