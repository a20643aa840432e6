package io.github.ghcrtools.core.failure;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * The one exception policy of every goal of the suite: a {@link UserError} is a build failure whose
 * message says what to change (its library cause goes to {@code -X} only); an I/O failure is
 * reported with its true cause; anything else is a bug of the plugin and says so, instead of being
 * passed off as bad configuration.
 */
public final class GoalFailures {

  private GoalFailures() {}

  /** What a goal runs. */
  @FunctionalInterface
  public interface GoalBody {
    void run()
        throws IOException, InterruptedException, MojoExecutionException, MojoFailureException;
  }

  /**
   * Runs a goal body, mapping what it throws to Maven's two kinds of failure.
   *
   * @param goal the goal as users type it ({@code ghcr:push}), named in a bug report
   */
  public static void run(String goal, Log log, GoalBody body)
      throws MojoExecutionException, MojoFailureException {
    try {
      body.run();
    } catch (UserError e) {
      if (log.isDebugEnabled()) {
        e.parameter().ifPresent(p -> log.debug("Parameter to change: " + p));
        if (e.getCause() != null) {
          log.debug("Cause of the failure", e.getCause());
        }
      }
      throw new MojoFailureException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException(goal + " was interrupted", e);
    } catch (RuntimeException e) {
      throw new MojoExecutionException(
          goal
              + " failed unexpectedly; this is a bug in the plugin, please report it with the output of -e: "
              + e,
          e);
    }
  }

  /**
   * Runs work a goal left for the end of the reactor (the release publish, the deploy signal),
   * which Maven's execution listener runs after the goal returned: a {@link UserError} and an I/O
   * failure go on as they are (Maven shows their message and fails the build); anything else is
   * reported as a bug, as {@link #run} does.
   *
   * @param what the work as users know it ({@code the deploy signal}), named in a bug report
   */
  public static void deferred(String what, Runnable work) {
    try {
      work.run();
    } catch (UserError | UncheckedIOException e) {
      throw e;
    } catch (RuntimeException e) {
      if (isUserError(e)) {
        throw e;
      }
      throw new IllegalStateException(
          what
              + " failed unexpectedly; this is a bug in the plugin, please report it with the"
              + " output of -e: "
              + e,
          e);
    }
  }

  /**
   * A {@link UserError} of another plugin's copy of this library: each plugin has its own class
   * realm, and the end-of-reactor work of one may run in another's listener.
   */
  static boolean isUserError(Throwable e) {
    for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
      if (type.getName().equals(UserError.class.getName())) {
        return true;
      }
    }
    return false;
  }
}
