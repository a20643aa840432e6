package io.github.ghcrtools.publish.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ghcrtools.core.failure.UserError;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {

  private static ContainerSpec spec(List<String> ports, List<String> args, String appRoot) {
    return new ContainerSpec(
        new BaseImage.Scratch(),
        "com.example.Main",
        null,
        args,
        Map.of(),
        ports,
        null,
        null,
        appRoot,
        new TreeMap<>(),
        Instant.EPOCH,
        List.of());
  }

  @Test
  void emptyEntriesMavenPassesAsNullAreDropped() {
    ContainerSpec spec =
        spec(Arrays.asList("8080", null, " "), Arrays.asList("a", null, "b"), null);

    assertEquals(List.of("8080"), spec.ports());
    assertEquals(List.of("a", "b"), spec.args());
    assertEquals("/app", spec.appRoot());
  }

  @Test
  void aRelativeAppRootIsRefusedNamingTheParameter() {
    UserError e = assertThrows(UserError.class, () -> spec(null, null, "app"));

    assertEquals(
        "Parameter 'appRoot' is 'app': write an absolute path such as /app.", e.getMessage());
    assertEquals("appRoot", e.parameter().orElseThrow());
  }
}
