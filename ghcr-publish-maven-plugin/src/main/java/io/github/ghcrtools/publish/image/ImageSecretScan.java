package io.github.ghcrtools.publish.image;

import io.github.ghcrtools.core.scan.KnownSecrets;
import io.github.ghcrtools.core.scan.OutsideLinks;
import io.github.ghcrtools.core.scan.ScanSettings;
import io.github.ghcrtools.core.scan.SecretScanGate;
import io.github.ghcrtools.core.scan.SecretScanner;
import io.github.ghcrtools.publish.progress.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The secret-scan gate of an image, run before anything is built or sent: every file the image's
 * layers will hold is scanned under the path it gets in the image, laid out as {@link
 * ContainerFactory} has Jib lay it out ({@code <appRoot>/classes}, {@code <appRoot>/resources},
 * {@code <appRoot>/libs/<jar>!/<entry>}, extra directories at the root), plus the container
 * configuration (environment, JVM flags, arguments, labels), where a {@code ${env.GHCR_TOKEN}} ends
 * up as easily. A link in an extra directory that leads out of it is refused first, whatever {@code
 * secretScan} says.
 */
public final class ImageSecretScan {

  /** The path findings in the container configuration are shown under. */
  static final String CONFIG = "(image config)";

  private ImageSecretScan() {}

  /**
   * @throws io.github.ghcrtools.core.failure.UserError for a link out of an extra directory, or a
   *     secret the settings do not let through
   */
  public static void check(
      BuildRequest request, ScanSettings settings, KnownSecrets known, BuildLog log)
      throws IOException {
    ProjectFiles files = request.files();
    for (Path extra : files.extraDirectories()) {
      OutsideLinks.refuse(
          extra,
          "extraDirectories entry " + ImageBuilder.relative(request.basedir(), extra),
          "extraDirectories",
          (path, directory) -> false);
    }
    if (!settings.enabled()) {
      return;
    }
    long started = System.nanoTime();
    String artifact = "image " + request.target().repository().repositoryName();
    SecretScanner scanner = new SecretScanner(artifact, known);
    String appRoot = stripTrailingSlash(request.spec().appRoot());
    Path classes = files.classesDirectory();
    for (Path file : regularFiles(classes)) {
      String relative = relative(classes, file);
      String layer = relative.endsWith(".class") ? "/classes/" : "/resources/";
      scanner.scanFile(appRoot + layer + relative, file);
    }
    List<Path> jars = new ArrayList<>(files.dependencies());
    jars.addAll(files.snapshotDependencies());
    for (Map.Entry<Path, String> jar : LibraryNames.of(jars).entrySet()) {
      String path = appRoot + "/libs/" + jar.getValue();
      if (files.snapshotDependencies().contains(jar.getKey())) {
        scanner.scanOwnFile(path, jar.getKey()); // a reactor module: its classes are ours too
      } else {
        scanner.scanFile(path, jar.getKey());
      }
    }
    for (Path extra : files.extraDirectories()) {
      for (Path file : regularFiles(extra)) {
        scanner.scanFile("/" + relative(extra, file), file);
      }
    }
    scanner.scanText(CONFIG, configuration(request.spec()));
    if (log.isInfoEnabled()) {
      log.info(
          "Secret scan of "
              + artifact
              + ": "
              + scanner.summary()
              + " in "
              + (System.nanoTime() - started) / 1_000_000
              + " ms");
    }
    SecretScanGate.apply(artifact, scanner.findings(), settings, log::warn, log::info);
  }

  /**
   * The configuration strings a user writes into the POM, one per line, as {@code docker inspect}
   * would show them.
   */
  static String configuration(ContainerSpec spec) {
    StringBuilder text = new StringBuilder();
    spec.environment()
        .forEach(
            (k, v) ->
                text.append("ENV ").append(k).append('=').append(v == null ? "" : v).append('\n'));
    spec.jvmFlags().forEach(flag -> text.append("JVM_FLAG ").append(flag).append('\n'));
    spec.args().forEach(arg -> text.append("ARG ").append(arg).append('\n'));
    spec.labels()
        .forEach((k, v) -> text.append("LABEL ").append(k).append('=').append(v).append('\n'));
    return text.toString();
  }

  /** The regular files under a directory, sorted; none when it does not exist. */
  private static List<Path> regularFiles(Path directory) throws IOException {
    if (directory == null || !Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static String stripTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
