package io.github.ghcrtools.core.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.release.ReleaseState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.maven.execution.BuildFailure;
import org.apache.maven.execution.BuildSuccess;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/**
 * The end of the reactor under a simulated parallel build: projects finish in random orders on
 * several threads, each recording its build summary and then announcing its success, as Maven's
 * builders do. The release must be published exactly once, after every project, and never when one
 * failed.
 */
class ReactorEndTest {

  private final List<String> warnings = new CopyOnWriteArrayList<>();

  @Test
  void inAnyCompletionOrderOnAnyThreadThePublisherRunsOnceAfterTheLastProject() throws Exception {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      Reactor reactor = new Reactor(2 + random.nextInt(8));
      AtomicInteger published = new AtomicInteger();
      List<Integer> finishedWhenPublished = new CopyOnWriteArrayList<>();
      reactor
          .state()
          .offerPublisher(
              () -> {
                published.incrementAndGet();
                finishedWhenPublished.add(reactor.succeeded());
              });
      AtomicInteger promoted = new AtomicInteger();
      reactor
          .state()
          .offerPromoter(
              () -> {
                assertEquals(1, published.get(), "the channels moved before the release's tags");
                promoted.incrementAndGet();
              });
      AtomicInteger signals = new AtomicInteger();
      // registered by a mojo of some project, possibly after others finished: the summaries tell
      int registerAfter = random.nextInt(reactor.size());

      reactor.finishAll(
          random,
          1 + random.nextInt(4),
          registerAfter,
          () ->
              ReactorEnd.of(reactor.session(), warnings::add)
                  .atEnd(
                      "signal",
                      () -> {
                        assertEquals(1, published.get(), "the signal ran before the publish");
                        assertEquals(1, promoted.get(), "the signal ran before the promotions");
                        signals.incrementAndGet();
                      }));

      assertEquals(1, published.get(), "round " + round);
      assertEquals(
          List.of(reactor.size()),
          finishedWhenPublished,
          "published before every project finished");
      assertEquals(1, promoted.get(), "round " + round);
      assertEquals(1, signals.get(), "round " + round);
    }
    assertTrue(warnings.isEmpty(), warnings.toString());
  }

  @Test
  void aFailedProjectMeansNoPublishAndALineNamingIt() throws Exception {
    Reactor reactor = new Reactor(4);
    AtomicInteger published = new AtomicInteger();
    reactor.state().offerPublisher(published::incrementAndGet);
    reactor.state().offerPromoter(published::incrementAndGet);
    ReactorEnd.of(reactor.session(), warnings::add);

    reactor.succeed(0);
    reactor.fail(2);
    reactor.succeed(1);
    reactor.succeed(3); // --fail-at-end: the others go on

    assertEquals(0, published.get());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).startsWith("Release not published: it:p2:jar:1 failed"), warnings.get(0));
  }

  @Test
  void aProjectThatFailedBeforeAnyPluginListenedIsNamedAllTheSame() {
    Reactor reactor = new Reactor(3);
    reactor.fail(1); // under -T, before the first module of this realm asked for the listener
    AtomicInteger published = new AtomicInteger();
    reactor.state().offerPromoter(published::incrementAndGet);

    ReactorEnd.of(reactor.session(), warnings::add);
    reactor.succeed(0);
    reactor.succeed(2);

    assertEquals(0, published.get());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).startsWith("Release not published: it:p1:jar:1 failed"), warnings.get(0));
  }

  @Test
  void oneListenerPerRealmChainedInFrontOfMavensOwn() {
    Reactor reactor = new Reactor(1);
    List<String> seen = new ArrayList<>();
    reactor
        .session()
        .getRequest()
        .setExecutionListener(
            new org.apache.maven.execution.AbstractExecutionListener() {
              @Override
              public void projectSucceeded(ExecutionEvent event) {
                seen.add("maven's listener");
              }
            });

    ReactorEnd first = ReactorEnd.of(reactor.session(), warnings::add);
    ReactorEnd second = ReactorEnd.of(reactor.session(), warnings::add);
    reactor.succeed(0);

    assertSame(first, second);
    assertSame(first, reactor.session().getRequest().getExecutionListener());
    assertEquals(List.of("maven's listener"), seen, "Maven's own listener still hears every event");
  }

  /** A reactor of {@code n} projects whose completion the test drives. */
  private static final class Reactor {
    private final List<MavenProject> projects = new ArrayList<>();
    private final MavenSession session;

    @SuppressWarnings("deprecation")
    Reactor(int n) {
      for (int i = 0; i < n; i++) {
        Model model = new Model();
        model.setGroupId("it");
        model.setArtifactId("p" + i);
        model.setVersion("1");
        projects.add(new MavenProject(model));
      }
      session =
          new MavenSession(
              null,
              new DefaultMavenExecutionRequest(),
              new DefaultMavenExecutionResult(),
              projects);
    }

    int size() {
      return projects.size();
    }

    MavenSession session() {
      return session;
    }

    ReleaseState state() {
      return ReactorEnd.state(session);
    }

    int succeeded() {
      return (int)
          projects.stream()
              .filter(p -> session.getResult().getBuildSummary(p) instanceof BuildSuccess)
              .count();
    }

    /** As Maven's builder: the summary first, then the event to the current listener chain. */
    void succeed(int i) {
      session.getResult().addBuildSummary(new BuildSuccess(projects.get(i), 1));
      var listener = session.getRequest().getExecutionListener();
      if (listener != null) {
        listener.projectSucceeded(new Event(session, projects.get(i)));
      }
    }

    void fail(int i) {
      RuntimeException cause = new RuntimeException("tests failed");
      session.getResult().addBuildSummary(new BuildFailure(projects.get(i), 1, cause));
      session.getResult().addException(cause);
      var listener = session.getRequest().getExecutionListener();
      if (listener != null) {
        listener.projectFailed(new Event(session, projects.get(i)));
      }
    }

    /**
     * Finishes every project in a random order on {@code threads} threads; registers after {@code
     * registerAfter}.
     */
    void finishAll(Random random, int threads, int registerAfter, Runnable register)
        throws Exception {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < projects.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, random);
      for (int i = 0; i < registerAfter; i++) {
        succeed(order.get(i));
      }
      register.run();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      for (int i = registerAfter; i < order.size(); i++) {
        int project = order.get(i);
        pool.submit(
            () -> {
              try {
                start.await();
                succeed(project);
              } catch (Throwable t) {
                failures.add(t);
              }
            });
      }
      start.countDown();
      pool.shutdown();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      assertTrue(failures.isEmpty(), failures.toString());
      assertFalse(projects.stream().anyMatch(p -> session.getResult().getBuildSummary(p) == null));
    }
  }

  private record Event(MavenSession session, MavenProject project) implements ExecutionEvent {
    @Override
    public Type getType() {
      return Type.ProjectSucceeded;
    }

    @Override
    public MavenSession getSession() {
      return session;
    }

    @Override
    public MavenProject getProject() {
      return project;
    }

    @Override
    public MojoExecution getMojoExecution() {
      return null;
    }

    @Override
    public Exception getException() {
      return null;
    }
  }
}
