package io.github.ghcrtools.core.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The properties a goal's policy checks read, as Maven layers them: the project's, the JVM's, the
 * session's system properties, then {@code -D} user properties, later layers winning. Both
 * publishing plugins check insecure switches against the same view.
 */
public final class MergedProperties {

  private MergedProperties() {}

  /**
   * @param layers lowest precedence first; a null layer (nothing known there) is skipped
   */
  public static Map<String, String> of(Properties... layers) {
    Map<String, String> merged = new HashMap<>();
    for (Properties layer : layers) {
      if (layer != null) {
        layer.stringPropertyNames().forEach(key -> merged.put(key, layer.getProperty(key)));
      }
    }
    return merged;
  }
}
