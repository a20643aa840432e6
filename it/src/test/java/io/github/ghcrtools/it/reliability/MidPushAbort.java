package io.github.ghcrtools.it.reliability;

import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.maven.SampleProject;
import io.github.ghcrtools.it.standin.FaultPlan;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.HttpFault;
import io.github.ghcrtools.it.standin.HttpFaultPlan;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A deploy cancelled in the middle of its uploads, as a cancelled workflow run or a runner that
 * dies would leave it: as soon as the registry has started the first blob upload of the run, the
 * proxy cuts every connection from then on and the Maven JVM is killed (SIGKILL, no shutdown hook,
 * no chance to tidy up). Only the Maven process this run started is killed, found by its command
 * line naming the project folder.
 */
final class MidPushAbort {

  /** What the abort left: the killed build's result and the request that triggered the abort. */
  record Outcome(MavenResult result, RegistryRequest trigger, long killedPid) {}

  private static final Duration WAIT_FOR_UPLOAD = Duration.ofMinutes(3);

  /** How long a held request waits before its 503: longer than killing Maven takes. */
  private static final Duration HOLD = Duration.ofSeconds(20);

  private MidPushAbort() {}

  static Outcome run(GhcrStandIn standIn, SampleProject project, MavenRun run) throws Exception {
    return run(standIn, project, run, MidPushAbort::blobUpload);
  }

  /** The first request of a blob upload. */
  static boolean blobUpload(RegistryRequest r) {
    return r.method().equals("POST") && r.pathWithoutQuery().contains("/blobs/uploads/");
  }

  /** Path of a manifest PUT: the first one, at the end of the reactor, starts the publish. */
  static final String MANIFEST = "/v2/.+/manifests/.+";

  /**
   * As {@link #run(GhcrStandIn, SampleProject, MavenRun)}, but the first {@code method} request
   * whose path matches {@code pathRegex} is held in the front (it never reaches the registry) and
   * the build is killed while it waits for the answer. Unlike watching the registry's log, this
   * cannot lose the race against a build that sends its remaining requests within milliseconds.
   */
  static Outcome runHeldAt(
      GhcrStandIn standIn, SampleProject project, MavenRun run, String method, String pathRegex)
      throws Exception {
    standIn.httpFaults(HttpFaultPlan.none().on(method, pathRegex, 1, HttpFault.hold(HOLD)));
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<MavenResult> build = executor.submit(run::run);
      long deadline = System.nanoTime() + WAIT_FOR_UPLOAD.toNanos();
      while (System.nanoTime() < deadline && !build.isDone()) {
        if (standIn.httpFaultsFired().values().stream().mapToInt(Integer::intValue).sum() > 0) {
          standIn.faultPlan(FaultPlan.seeded(0).withResetRate(1.0).withAfterBytes(0));
          long pid = killMaven(project);
          return new Outcome(build.get(2, TimeUnit.MINUTES), null, pid);
        }
        Thread.sleep(20);
      }
      MavenResult finished = build.isDone() ? build.get() : null;
      throw new AssertionError(
          "the build never sent "
              + method
              + " "
              + pathRegex
              + ", so it could not be aborted"
              + (finished == null ? "" : ": " + finished.describe()));
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the aborted build did not end", e);
    } finally {
      executor.shutdownNow();
      standIn.httpFaults(HttpFaultPlan.none());
    }
  }

  /**
   * As {@link #run(GhcrStandIn, SampleProject, MavenRun)}, killed at the first request {@code
   * trigger} accepts.
   */
  static Outcome run(
      GhcrStandIn standIn,
      SampleProject project,
      MavenRun run,
      java.util.function.Predicate<RegistryRequest> trigger)
      throws Exception {
    int before = standIn.registryRequests().size();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<MavenResult> build = executor.submit(run::run);
      long deadline = System.nanoTime() + WAIT_FOR_UPLOAD.toNanos();
      while (System.nanoTime() < deadline && !build.isDone()) {
        Optional<RegistryRequest> upload = firstSince(standIn.registryRequests(), before, trigger);
        if (upload.isPresent()) {
          standIn.faultPlan(FaultPlan.seeded(0).withResetRate(1.0).withAfterBytes(0));
          long pid = killMaven(project);
          return new Outcome(build.get(2, TimeUnit.MINUTES), upload.get(), pid);
        }
        Thread.sleep(20);
      }
      MavenResult finished = build.isDone() ? build.get() : null;
      throw new AssertionError(
          "the build never sent the request to abort at, so it could not be aborted mid-push"
              + (finished == null ? "" : ": " + finished.describe()));
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the aborted build did not end", e);
    } finally {
      executor.shutdownNow();
    }
  }

  private static Optional<RegistryRequest> firstSince(
      List<RegistryRequest> requests,
      int from,
      java.util.function.Predicate<RegistryRequest> trigger) {
    return requests.subList(Math.min(from, requests.size()), requests.size()).stream()
        .filter(trigger)
        .findFirst();
  }

  /** SIGKILLs the Maven JVM of {@code project} (a child of this test JVM) and returns its pid. */
  private static long killMaven(SampleProject project) {
    String folder = project.directory().toString();
    List<ProcessHandle> maven =
        ProcessHandle.current()
            .descendants()
            .filter(
                p ->
                    p.info()
                        .commandLine()
                        .map(c -> c.contains("plexus.classworlds") && c.contains(folder))
                        .orElse(false))
            .toList();
    if (maven.size() != 1) {
      throw new AssertionError("expected one Maven JVM for " + folder + ", found " + maven.size());
    }
    ProcessHandle process = maven.get(0);
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    return process.pid();
  }
}
