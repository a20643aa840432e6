package io.github.ghcrtools.core.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.reactor.RunShared;
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

  /** A run whose shared objects the test can see. */
  private final Map<String, Object> data = new ConcurrentHashMap<>();

  private final RunShared run = (key, made) -> data.computeIfAbsent(key, k -> made.get());

  @Test
  void theRunsCheckFindsViolationsLikeTheRealmsOwn() throws Exception {
    List<String> violations = SbomSchema.violations(BROKEN, run);

    assertEquals(1, violations.size(), violations.toString());
    assertTrue(violations.get(0).contains("bomFormat"), violations.toString());
    assertTrue(((FutureTask<?>) data.get(SbomSchema.KEY)).isDone());
  }

  @Test
  void aCheckAnotherRealmLeftInTheRunIsUsedNotCompiledAgain() {
    FutureTask<Function<byte[], List<String>>> other =
        new FutureTask<>(() -> json -> List.of("from the other realm"));
    data.put(SbomSchema.KEY, other);

    assertEquals(List.of("from the other realm"), SbomSchema.violations(BROKEN, run));
    SbomSchema.warmUp(run);
    assertSame(other, data.get(SbomSchema.KEY));
  }

  @Test
  void aSecondClassRealmUsesTheSchemaTheFirstCompiled() throws Exception {
    try (URLClassLoader realm = isolatedRealm()) {
      Class<?> theirs = Class.forName(SbomSchema.class.getName(), true, realm);
      assertNotSame(SbomSchema.class, theirs);
      // their RunShared is another class too: only the JDK's Proxy can stand in for it there
      Class<?> theirRunShared = Class.forName(RunShared.class.getName(), true, realm);
      Object theirRun =
          java.lang.reflect.Proxy.newProxyInstance(
              realm,
              new Class<?>[] {theirRunShared},
              (proxy, method, args) ->
                  data.computeIfAbsent(
                      (String) args[0], k -> ((java.util.function.Supplier<?>) args[1]).get()));
      Method warmUp = theirs.getDeclaredMethod("warmUp", theirRunShared);
      warmUp.setAccessible(true);
      warmUp.invoke(null, theirRun);
      FutureTask<?> check = (FutureTask<?>) data.get(SbomSchema.KEY);
      check.get(60, TimeUnit.SECONDS);

      List<String> violations = SbomSchema.violations(BROKEN, run);

      assertEquals(1, violations.size(), violations.toString());
      assertSame(check, data.get(SbomSchema.KEY));
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
