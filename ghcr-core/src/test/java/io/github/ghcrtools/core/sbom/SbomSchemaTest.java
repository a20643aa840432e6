package io.github.ghcrtools.core.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The schema check one Maven run shares between its plugins' class realms. */
class SbomSchemaTest {

  private static final byte[] BROKEN =
      "{\"bomFormat\":\"SPDX\",\"specVersion\":\"1.6\",\"version\":1}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void theRunsCheckFindsViolationsLikeTheRealmsOwn() throws Exception {
    Map<String, Object> run = new ConcurrentHashMap<>();

    List<String> violations = SbomSchema.violations(BROKEN, run);

    assertEquals(1, violations.size(), violations.toString());
    assertTrue(violations.get(0).contains("bomFormat"), violations.toString());
    assertTrue(((FutureTask<?>) run.get(SbomSchema.KEY)).isDone());
  }

  @Test
  void aCheckAnotherRealmLeftInTheRunIsUsedNotCompiledAgain() {
    Map<String, Object> run = new ConcurrentHashMap<>();
    FutureTask<Function<byte[], List<String>>> other =
        new FutureTask<>(() -> json -> List.of("from the other realm"));
    run.put(SbomSchema.KEY, other);

    assertEquals(List.of("from the other realm"), SbomSchema.violations(BROKEN, run));
    SbomSchema.warmUp(run);
    assertSame(other, run.get(SbomSchema.KEY));
  }

  @Test
  void twoClassRealmsOfThisLibraryCompileTheSchemaOnce() throws Exception {
    Map<String, Object> run = new ConcurrentHashMap<>();
    try (URLClassLoader realm = isolatedRealm()) {
      Class<?> theirs = Class.forName(SbomSchema.class.getName(), true, realm);
      assertNotSame(SbomSchema.class, theirs);
      Method warmUp = theirs.getDeclaredMethod("warmUp", Map.class);
      warmUp.setAccessible(true);
      warmUp.invoke(null, run);
      FutureTask<?> check = (FutureTask<?>) run.get(SbomSchema.KEY);
      check.get(60, TimeUnit.SECONDS);

      List<String> violations = SbomSchema.violations(BROKEN, run);

      assertEquals(1, violations.size(), violations.toString());
      assertSame(check, run.get(SbomSchema.KEY));
      assertSame(realm, check.get().getClass().getClassLoader());
    }
  }

  /**
   * This module's classes and libraries in a loader of their own, as Maven gives each plugin a
   * realm: only JDK classes are the same as the test's.
   */
  private static URLClassLoader isolatedRealm() throws Exception {
    String[] entries = System.getProperty("java.class.path").split(java.io.File.pathSeparator);
    URL[] urls = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) {
      urls[i] = Path.of(entries[i]).toUri().toURL();
    }
    return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
  }
}
