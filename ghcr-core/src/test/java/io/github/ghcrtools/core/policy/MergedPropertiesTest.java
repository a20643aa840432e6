package io.github.ghcrtools.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MergedPropertiesTest {

  private static Properties of(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  @Test
  void laterLayersWinAndMissingLayersAreSkipped() {
    Map<String, String> merged =
        MergedProperties.of(
            of("jib.allowInsecureRegistries", "false", "project.only", "p"),
            null,
            of("jib.allowInsecureRegistries", "true", "user.only", "u"));

    assertEquals(
        Map.of("jib.allowInsecureRegistries", "true", "project.only", "p", "user.only", "u"),
        merged);
  }
}
