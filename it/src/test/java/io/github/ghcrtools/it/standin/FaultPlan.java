package io.github.ghcrtools.it.standin;

import java.time.Duration;
import java.util.Random;

/**
 * Which tunnelled connections the proxy breaks, and how: the faults GHCR and the networks in front
 * of it really produce (a refused tunnel, a reset mid-transfer, a stalled stream), drawn per
 * connection from a seeded {@link Random} so a failing retry test replays identically.
 *
 * @param seed seed of the per-connection draws
 * @param refuseRate share of connections answered {@code 502 Bad Gateway} instead of a tunnel
 * @param resetRate share of connections reset (TCP RST) after {@code afterBytes}
 * @param stallRate share of connections that stop relaying after {@code afterBytes}
 * @param afterBytes bytes relayed (both directions together) before a reset or stall
 * @param stallFor how long a stalled connection is held open before it is closed
 * @param maxFaults faults to inject at most; later connections pass ({@code -1}: no limit)
 * @param refuseConnection the allowed connection (1 for the first) refused whatever the draw, so a
 *     test that needs a refusal gets one however few connections the run opens ({@code 0}: none)
 */
public record FaultPlan(
    long seed,
    double refuseRate,
    double resetRate,
    double stallRate,
    long afterBytes,
    Duration stallFor,
    int maxFaults,
    int refuseConnection) {

  /** What the proxy does with one allowed connection. */
  public enum Fault {
    NONE,
    REFUSE,
    RESET,
    STALL
  }

  public FaultPlan {
    if (refuseRate < 0
        || resetRate < 0
        || stallRate < 0
        || refuseRate + resetRate + stallRate > 1) {
      throw new IllegalArgumentException("fault rates must be >= 0 and add up to at most 1");
    }
    if (afterBytes < 0) {
      throw new IllegalArgumentException("afterBytes must be >= 0");
    }
    if (refuseConnection < 0) {
      throw new IllegalArgumentException("refuseConnection must be >= 0");
    }
  }

  /** No faults: every allowed connection is tunnelled untouched (the default). */
  public static FaultPlan none() {
    return new FaultPlan(0, 0, 0, 0, 0, Duration.ZERO, 0, 0);
  }

  /** A plan with no faults yet and the given seed; add faults with the {@code with…} methods. */
  public static FaultPlan seeded(long seed) {
    return new FaultPlan(seed, 0, 0, 0, 0, Duration.ofSeconds(30), -1, 0);
  }

  public FaultPlan withRefuseRate(double rate) {
    return new FaultPlan(
        seed, rate, resetRate, stallRate, afterBytes, stallFor, maxFaults, refuseConnection);
  }

  public FaultPlan withResetRate(double rate) {
    return new FaultPlan(
        seed, refuseRate, rate, stallRate, afterBytes, stallFor, maxFaults, refuseConnection);
  }

  public FaultPlan withStallRate(double rate, Duration stallFor) {
    return new FaultPlan(
        seed, refuseRate, resetRate, rate, afterBytes, stallFor, maxFaults, refuseConnection);
  }

  public FaultPlan withAfterBytes(long bytes) {
    return new FaultPlan(
        seed, refuseRate, resetRate, stallRate, bytes, stallFor, maxFaults, refuseConnection);
  }

  public FaultPlan withMaxFaults(int faults) {
    return new FaultPlan(
        seed, refuseRate, resetRate, stallRate, afterBytes, stallFor, faults, refuseConnection);
  }

  /** Refuses the {@code n}-th allowed connection (1 for the first), whatever the draw says. */
  public FaultPlan withRefusedConnection(int n) {
    return new FaultPlan(
        seed, refuseRate, resetRate, stallRate, afterBytes, stallFor, maxFaults, n);
  }

  /** A fresh, independent sequence of decisions following this plan. */
  Dice dice() {
    return new Dice(this);
  }

  /** The mutable half of a plan: the seeded draws and the count of faults injected so far. */
  static final class Dice {
    private final FaultPlan plan;
    private final Random random;
    private int faults;
    private int connections;

    private Dice(FaultPlan plan) {
      this.plan = plan;
      this.random = new Random(plan.seed());
    }

    FaultPlan plan() {
      return plan;
    }

    /** The fault for the next allowed connection; one draw per connection. */
    synchronized Fault next() {
      double draw = random.nextDouble();
      connections++;
      if (connections == plan.refuseConnection()) {
        faults++;
        return Fault.REFUSE;
      }
      if (plan.maxFaults() >= 0 && faults >= plan.maxFaults()) {
        return Fault.NONE;
      }
      Fault fault;
      if (draw < plan.refuseRate()) {
        fault = Fault.REFUSE;
      } else if (draw < plan.refuseRate() + plan.resetRate()) {
        fault = Fault.RESET;
      } else if (draw < plan.refuseRate() + plan.resetRate() + plan.stallRate()) {
        fault = Fault.STALL;
      } else {
        fault = Fault.NONE;
      }
      if (fault != Fault.NONE) {
        faults++;
      }
      return fault;
    }
  }
}
