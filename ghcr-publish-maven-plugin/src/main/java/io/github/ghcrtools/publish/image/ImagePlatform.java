package io.github.ghcrtools.publish.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import io.github.ghcrtools.core.failure.UserError;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of {@code platforms}: {@code os/architecture[/variant]}, as OCI image indexes name
 * platforms ({@code linux/amd64}, {@code linux/arm64/v8}). Jib knows os and architecture only; the
 * variant goes into the index this plugin writes and is matched against a base image's index.
 *
 * @param variant the CPU variant, or null
 */
public record ImagePlatform(String os, String architecture, String variant) {

  private static final Pattern PART = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  /** Jib's default and the platform of an image built without {@code platforms}. */
  public static final ImagePlatform DEFAULT = new ImagePlatform("linux", "amd64", null);

  /** Parses {@code os/arch[/variant]}, naming the parameter and the fix when it is not that. */
  public static ImagePlatform parse(String value) {
    String[] parts = value == null ? new String[0] : value.strip().split("/", -1);
    boolean valid = parts.length == 2 || parts.length == 3;
    for (int i = 0; valid && i < parts.length; i++) {
      valid = PART.matcher(parts[i]).matches();
    }
    if (!valid) {
      throw new UserError(
          "Parameter 'platforms' has '"
              + value
              + "': write os/architecture[/variant] in lowercase, e.g. linux/amd64 or linux/arm64/v8.",
          "platforms",
          null);
    }
    return new ImagePlatform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /** The platform of an index entry's {@code platform} object, empty when it names none. */
  public static Optional<ImagePlatform> of(JsonNode platform) {
    String os = platform.path("os").asText("");
    String architecture = platform.path("architecture").asText("");
    if (os.isEmpty() || architecture.isEmpty()) {
      return Optional.empty();
    }
    String variant = platform.path("variant").asText("");
    return Optional.of(new ImagePlatform(os, architecture, variant.isEmpty() ? null : variant));
  }

  /** As Jib takes it (no variant). */
  public Platform jib() {
    return new Platform(architecture, os);
  }

  /**
   * Whether an image of {@code offered} serves this platform: os and architecture equal, and the
   * variants too when both name one ({@code linux/arm64} takes {@code linux/arm64/v8}).
   */
  public boolean accepts(ImagePlatform offered) {
    return os.equals(offered.os)
        && architecture.equals(offered.architecture)
        && (variant == null || offered.variant == null || variant.equals(offered.variant));
  }

  /** The {@code platform} object of an OCI index entry: architecture, os, variant when set. */
  public ObjectNode descriptor() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("architecture", architecture);
    node.put("os", os);
    if (variant != null) {
      node.put("variant", variant);
    }
    return node;
  }

  /** A file-name-safe form, e.g. {@code linux-arm64-v8}. */
  public String slug() {
    return toString().replace('/', '-');
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
