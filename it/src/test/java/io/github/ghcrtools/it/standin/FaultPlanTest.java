package io.github.ghcrtools.it.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.standin.FaultPlan.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultPlanTest {

  @Test
  void theSameSeedReplaysTheSameDecisions() {
    FaultPlan plan =
        FaultPlan.seeded(42)
            .withRefuseRate(0.3)
            .withResetRate(0.3)
            .withStallRate(0.3, Duration.ofSeconds(1));
    assertEquals(draw(plan.dice(), 50), draw(plan.dice(), 50));
    assertTrue(
        draw(plan.dice(), 50)
            .containsAll(List.of(Fault.NONE, Fault.REFUSE, Fault.RESET, Fault.STALL)));
  }

  @Test
  void noneNeverFaults() {
    assertEquals(
        List.of(Fault.NONE), draw(FaultPlan.none().dice(), 100).stream().distinct().toList());
  }

  @ParameterizedTest
  @CsvSource({"REFUSE, 0", "REFUSE, 2", "RESET, 3"})
  void maxFaultsLimitsCertainFaultsToTheFirstConnections(Fault fault, int maxFaults) {
    FaultPlan plan =
        switch (fault) {
          case REFUSE -> FaultPlan.seeded(1).withRefuseRate(1);
          case RESET -> FaultPlan.seeded(1).withResetRate(1);
          default -> throw new IllegalArgumentException();
        };
    List<Fault> drawn = draw(plan.withMaxFaults(maxFaults).dice(), 6);
    List<Fault> expected = new ArrayList<>();
    IntStream.range(0, 6).forEach(i -> expected.add(i < maxFaults ? fault : Fault.NONE));
    assertEquals(expected, drawn);
  }

  @Test
  void theNamedConnectionIsRefusedWhateverTheDraw() {
    FaultPlan plan = FaultPlan.seeded(7).withRefusedConnection(3);

    assertEquals(
        List.of(Fault.NONE, Fault.NONE, Fault.REFUSE, Fault.NONE, Fault.NONE),
        draw(plan.dice(), 5));
    assertEquals(
        List.of(Fault.NONE, Fault.NONE, Fault.REFUSE),
        draw(plan.dice(), 3),
        "each dice counts its own connections");
    assertEquals(
        List.of(Fault.REFUSE, Fault.NONE, Fault.REFUSE, Fault.NONE),
        draw(
            FaultPlan.seeded(7).withRefuseRate(1).withMaxFaults(1).withRefusedConnection(3).dice(),
            4),
        "past maxFaults too");
  }

  @ParameterizedTest
  @CsvSource({"-0.1, 0, 0", "0.5, 0.5, 0.1", "0, 2, 0"})
  void ratesMustBeASharedProbability(double refuse, double reset, double stall) {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FaultPlan.seeded(1)
                .withRefuseRate(refuse)
                .withResetRate(reset)
                .withStallRate(stall, Duration.ZERO));
  }

  private static List<Fault> draw(FaultPlan.Dice dice, int count) {
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      faults.add(dice.next());
    }
    return faults;
  }
}
