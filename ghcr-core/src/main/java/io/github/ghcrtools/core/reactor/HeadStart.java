package io.github.ghcrtools.core.reactor;

/**
 * Work a goal starts early, on a daemon thread of its own, so that a later step of the same Maven
 * run finds it done (classes loaded, a client made, a token in the cache). It only ever saves time:
 * a failure is dropped, and the later step does the work itself and reports what fails then.
 */
public final class HeadStart {

  private HeadStart() {}

  /** The work; it may throw anything, which only loses the head start. */
  @FunctionalInterface
  public interface Work {
    void run() throws Exception;
  }

  /** Starts {@code work} on a daemon thread named {@code name}, and returns at once. */
  public static void start(String name, Work work) {
    Thread thread =
        new Thread(
            () -> {
              try {
                work.run();
              } catch (Exception | LinkageError e) {
                // only the head start is lost
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }
}
