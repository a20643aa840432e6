package io.github.ghcrtools.it.reliability;

import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One row of {@link BadInputIT}'s table.
 *
 * @param name the case, as the test report shows it
 * @param sample which shared sample copy the case breaks
 * @param run sets up the breakage and returns the one Maven run of the case
 * @param fix fragments the build's [ERROR] lines must contain: what is wrong and what to change
 * @param absent text that must appear nowhere in the build log (a password in a reference)
 * @param network whether the case may reach the registry at all
 * @param attempt for {@link Network#ONE_ATTEMPT}: checks the requests the build made
 * @param scriptCalled true when the deploy script is run (and fails): then, and only then, the
 *     signal's release.json records what was sent
 */
record BadInputCase(
    String name,
    Sample sample,
    Function<BadInputCases.Context, MavenRun> run,
    List<String> fix,
    List<String> absent,
    Network network,
    Consumer<List<RegistryRequest>> attempt,
    boolean scriptCalled) {

  /** The shared copies: an image app, a chart project, and a folder for signals and workflows. */
  enum Sample {
    IMAGE,
    CHART,
    SIGNAL
  }

  enum Network {
    /** Refused before any network call: no proxy connection, no registry request. */
    NONE,
    /** The registry itself refuses: one attempt, checked by {@code attempt}, never a retry. */
    ONE_ATTEMPT
  }

  static BadInputCase refused(
      String name, Sample sample, Function<BadInputCases.Context, MavenRun> run, String... fix) {
    return new BadInputCase(
        name, sample, run, List.of(fix), List.of(), Network.NONE, requests -> {}, false);
  }

  BadInputCase without(String... secrets) {
    return new BadInputCase(
        name, sample, run, fix, List.of(secrets), network, attempt, scriptCalled);
  }

  BadInputCase oneAttempt(Consumer<List<RegistryRequest>> check) {
    return new BadInputCase(
        name, sample, run, fix, absent, Network.ONE_ATTEMPT, check, scriptCalled);
  }

  BadInputCase callsScript() {
    return new BadInputCase(name, sample, run, fix, absent, network, attempt, true);
  }

  @Override
  public String toString() {
    return sample.name().toLowerCase(java.util.Locale.ROOT) + ": " + name;
  }
}
