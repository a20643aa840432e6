package io.github.ghcrtools.publish.image;

import io.github.ghcrtools.core.failure.UserError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything that decides the image's bytes besides the project files. Two builds with equal specs
 * and files give one digest: nothing here comes from the clock.
 *
 * @param baseImage base image, already checked against the policy
 * @param mainClass class the entrypoint starts
 * @param jvmFlags flags between {@code java} and {@code -cp}
 * @param args program arguments (the image's CMD)
 * @param environment environment variables
 * @param ports exposed ports, Jib syntax ({@code 8080}, {@code 9000/udp}, {@code 7000-7002})
 * @param user user (and group) the container runs as, may be null
 * @param workingDirectory absolute path in the image, may be null
 * @param appRoot where classes, resources and libs go, default {@code /app}
 * @param labels image labels
 * @param creationTime config {@code created}
 * @param platforms the platforms to build, in order; empty for Jib's default (linux/amd64), more
 *     than one for an image index
 */
public record ContainerSpec(
    BaseImage baseImage,
    String mainClass,
    List<String> jvmFlags,
    List<String> args,
    Map<String, String> environment,
    List<String> ports,
    String user,
    String workingDirectory,
    String appRoot,
    SortedMap<String, String> labels,
    Instant creationTime,
    List<ImagePlatform> platforms) {

  public ContainerSpec {
    jvmFlags = present(jvmFlags);
    args = present(args);
    environment = environment == null ? new TreeMap<>() : new TreeMap<>(environment);
    ports = present(ports);
    labels = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
    appRoot = appRoot == null || appRoot.isBlank() ? "/app" : appRoot.strip();
    if (!appRoot.startsWith("/")) {
      throw new UserError(
          "Parameter 'appRoot' is '" + appRoot + "': write an absolute path such as /app.",
          "appRoot",
          null);
    }
  }

  /** Whether the image is an index of one image per platform. */
  public boolean multiPlatform() {
    return platforms.size() > 1;
  }

  /** The one platform of a single-platform image, empty for Jib's default. */
  public Optional<ImagePlatform> platform() {
    if (multiPlatform()) {
      throw new IllegalStateException("a multi-platform spec has no single platform");
    }
    return platforms.stream().findFirst();
  }

  /** The same image for {@code platform} alone: one entry of a multi-platform build. */
  public ContainerSpec forPlatform(ImagePlatform platform) {
    return forPlatform(platform, baseImage);
  }

  /** As {@link #forPlatform(ImagePlatform)}, on {@code base} (that platform's own base image). */
  public ContainerSpec forPlatform(ImagePlatform platform, BaseImage base) {
    return new ContainerSpec(
        base,
        mainClass,
        jvmFlags,
        args,
        environment,
        ports,
        user,
        workingDirectory,
        appRoot,
        labels,
        creationTime,
        List.of(platform));
  }

  /**
   * The list without empty entries: Maven passes {@code -Dghcr.ports=8080,} or an empty {@code
   * <port/>} as a null element.
   */
  private static List<String> present(List<String> values) {
    return values == null
        ? List.of()
        : values.stream().filter(v -> v != null && !v.isBlank()).toList();
  }
}
