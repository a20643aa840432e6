package io.github.ghcrtools.publish.testing;

import io.github.ghcrtools.core.policy.RegistryPolicy;
import io.github.ghcrtools.publish.image.BaseImage;
import io.github.ghcrtools.publish.image.BuildRequest;
import io.github.ghcrtools.publish.image.ContainerSpec;
import io.github.ghcrtools.publish.image.ImageBuilder;
import io.github.ghcrtools.publish.image.ImagePlatform;
import io.github.ghcrtools.publish.image.ProjectFiles;
import io.github.ghcrtools.publish.progress.BuildLog;
import io.github.ghcrtools.publish.repository.ImageTarget;
import io.github.ghcrtools.publish.tags.ImageTag;
import io.github.ghcrtools.publish.tags.ImageTags;
import io.github.ghcrtools.publish.tags.TagKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A tiny project on disk (classes, a resource, a dependency jar) and build requests for it. */
public final class TestProjects {

  public static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private TestProjects() {}

  /**
   * A builder that always builds, as {@code ghcr:build} does, for a test project: its bases are
   * scratch or local, so asking for registry calls is a test's mistake and fails it.
   */
  public static ImageBuilder builder(BuildLog log) {
    return new ImageBuilder(
        log,
        Optional.empty(),
        () -> {
          throw new AssertionError("a test project's image read a ghcr.io base");
        });
  }

  /** Writes target/classes with a (fake) class and a resource, and a dependency jar. */
  public static Path create(Path basedir) throws IOException {
    Path classes = basedir.resolve("target/classes");
    Files.createDirectories(classes.resolve("com/example"));
    Files.write(
        classes.resolve("com/example/Main.class"),
        new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
    Files.writeString(
        classes.resolve("application.properties"), "greeting=hello\n", StandardCharsets.UTF_8);
    Path libs = basedir.resolve("libs");
    Files.createDirectories(libs);
    Files.writeString(libs.resolve("dep-1.0.jar"), "not really a jar", StandardCharsets.UTF_8);
    return basedir;
  }

  public static ImageTarget target() {
    return new ImageTarget(RegistryPolicy.image("acme", "api"), "api");
  }

  public static ImageTags releaseTags() {
    return ImageTags.of(
        new ImageTag("1.2.3", TagKind.IMMUTABLE),
        new ImageTag("1.2", TagKind.MOVING),
        new ImageTag("1", TagKind.MOVING),
        new ImageTag("latest", TagKind.MOVING),
        new ImageTag("sha-abcdef1", TagKind.IMMUTABLE));
  }

  public static ContainerSpec spec(BaseImage base, Map<String, String> labels) {
    return spec(base, labels, List.of());
  }

  public static ContainerSpec spec(
      BaseImage base, Map<String, String> labels, List<ImagePlatform> platforms) {
    return spec(base, labels, platforms, null);
  }

  /**
   * As {@link #spec(BaseImage, Map, List)}, the container run as {@code user} (null: the base's).
   */
  public static ContainerSpec spec(
      BaseImage base, Map<String, String> labels, List<ImagePlatform> platforms, String user) {
    return new ContainerSpec(
        base,
        "com.example.Main",
        List.of("-Xmx64m"),
        List.of("--serve"),
        Map.of("MODE", "test"),
        List.of("8080"),
        user,
        null,
        "/app",
        new TreeMap<>(labels),
        CREATED,
        platforms);
  }

  public static BuildRequest request(Path basedir, ContainerSpec spec) {
    return request(basedir, spec, releaseTags());
  }

  public static BuildRequest request(Path basedir, ContainerSpec spec, ImageTags tags) {
    ProjectFiles files =
        new ProjectFiles(
            basedir.resolve("target/classes"),
            List.of(basedir.resolve("libs/dep-1.0.jar")),
            List.of(),
            Optional.empty(),
            List.of(basedir.resolve("src/main/jib")));
    return new BuildRequest(
        target(),
        tags,
        spec,
        files,
        basedir,
        basedir.resolve("target"),
        Optional.empty(),
        "test",
        Optional.of(basedir.resolve("base-cache")));
  }

  public static BuildRequest request(Path basedir) {
    return request(
        basedir,
        spec(new BaseImage.Scratch(), Map.of("org.opencontainers.image.version", "1.2.3")));
  }
}
