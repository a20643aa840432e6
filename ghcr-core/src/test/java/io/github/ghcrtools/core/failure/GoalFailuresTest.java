package io.github.ghcrtools.core.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class GoalFailuresTest {

  private static final SystemStreamLog LOG = new SystemStreamLog();

  @Test
  void aUserErrorIsABuildFailureWithItsMessageAlone() {
    MojoFailureException e =
        assertThrows(
            MojoFailureException.class,
            () ->
                GoalFailures.run(
                    "ghcr:push",
                    LOG,
                    () -> {
                      throw new UserError(
                          "Parameter 'x' is bad: write y.", new IOException("raw answer"));
                    }));
    assertEquals("Parameter 'x' is bad: write y.", e.getMessage());
    assertEquals(null, e.getCause(), "the library's cause is for -X only");
  }

  @Test
  void aLibraryIllegalArgumentIsReportedAsABugNotAsBadConfiguration() {
    IllegalArgumentException bug = new IllegalArgumentException("index out of range");
    MojoExecutionException e =
        assertThrows(
            MojoExecutionException.class,
            () ->
                GoalFailures.run(
                    "helm-oci:push",
                    LOG,
                    () -> {
                      throw bug;
                    }));
    assertTrue(
        e.getMessage().startsWith("helm-oci:push failed unexpectedly; this is a bug in the plugin"),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith("java.lang.IllegalArgumentException: index out of range"),
        e.getMessage());
    assertSame(bug, e.getCause());
  }

  @Test
  void anIoFailureKeepsItsTrueCause() {
    MojoExecutionException e =
        assertThrows(
            MojoExecutionException.class,
            () ->
                GoalFailures.run(
                    "deploy-signal:signal",
                    LOG,
                    () -> {
                      throw new UncheckedIOException(new IOException("disk full"));
                    }));
    assertEquals("java.io.IOException: disk full", e.getMessage());
  }

  @Test
  void anInterruptKeepsTheThreadInterrupted() {
    try {
      assertThrows(
          MojoExecutionException.class,
          () ->
              GoalFailures.run(
                  "ghcr:build",
                  LOG,
                  () -> {
                    throw new InterruptedException();
                  }));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void deferredWorkKeepsUserErrorsAndLabelsEverythingElseABug() {
    UserError refusal = new UserError("Deploy signal not sent: the release misses api.");
    assertSame(
        refusal,
        assertThrows(
            UserError.class,
            () ->
                GoalFailures.deferred(
                    "the deploy signal",
                    () -> {
                      throw refusal;
                    })));

    NullPointerException bug = new NullPointerException("record");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                GoalFailures.deferred(
                    "the deploy signal",
                    () -> {
                      throw bug;
                    }));
    assertTrue(
        e.getMessage()
            .startsWith("the deploy signal failed unexpectedly; this is a bug in the plugin"),
        e.getMessage());
    assertSame(bug, e.getCause());
  }

  /** The release's mover may run in another plugin's listener, with that plugin's classes. */
  @Test
  void aUserErrorOfAnotherPluginsRealmIsStillTheUsersError() throws Exception {
    java.net.URL classes = UserError.class.getProtectionDomain().getCodeSource().getLocation();
    try (java.net.URLClassLoader otherRealm =
        new java.net.URLClassLoader(
            new java.net.URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      Class<?> foreign = otherRealm.loadClass(UserError.class.getName());
      assertTrue(foreign != UserError.class, "loaded in a realm of its own");
      RuntimeException refusal =
          (RuntimeException)
              foreign.getConstructor(String.class).newInstance("Digest sha256:… does not exist");

      RuntimeException thrown =
          assertThrows(
              RuntimeException.class,
              () ->
                  GoalFailures.deferred(
                      "the release publish",
                      () -> {
                        throw refusal;
                      }));

      assertSame(refusal, thrown);
    }
  }
}
