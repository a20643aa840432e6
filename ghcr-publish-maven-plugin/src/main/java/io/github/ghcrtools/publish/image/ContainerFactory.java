package io.github.ghcrtools.publish.image;

import com.google.cloud.tools.jib.api.JavaContainerBuilder;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.Ports;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ghcrtools.core.failure.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Lays the project out as Jib's {@link JavaContainerBuilder} does for jib-maven-plugin: release
 * dependencies, snapshot dependencies, resources and classes in separate layers (cheap rebuilds
 * when only code changes), extra directories at the image root, then the container config. All file
 * times are fixed, so the layers are reproducible.
 */
public final class ContainerFactory {

  /** Jib's default modification time for files in layers (1970-01-01T00:00:01Z). */
  public static final Instant FILE_TIME = FileEntriesLayer.DEFAULT_MODIFICATION_TIME;

  private ContainerFactory() {}

  public static JibContainerBuilder create(
      JavaContainerBuilder java, ContainerSpec spec, ProjectFiles files) throws IOException {
    java.setAppRoot(spec.appRoot());
    java.setModificationTimeProvider((source, target) -> FILE_TIME);
    Path classes = files.classesDirectory();
    boolean hasClasses = classes != null && Files.isDirectory(classes);
    if (hasClasses) {
      java.addResources(classes, Predicate.not(ContainerFactory::isClassFile));
      java.addClasses(classes, ContainerFactory::isClassFile);
    }
    if (!files.dependencies().isEmpty()) {
      java.addDependencies(files.dependencies());
    }
    if (!files.snapshotDependencies().isEmpty()) {
      java.addSnapshotDependencies(files.snapshotDependencies());
    }
    if (!hasClasses && files.dependencies().isEmpty() && files.snapshotDependencies().isEmpty()) {
      throw new UserError(
          "Nothing to put in the image: "
              + (classes == null ? "target/classes" : classes.getFileName())
              + " does not exist and there are no runtime dependencies; run the goal after compile"
              + " (it binds to the package phase by default).");
    }
    java.setMainClass(spec.mainClass());
    java.addJvmFlags(spec.jvmFlags());
    JibContainerBuilder container = java.toContainerBuilder();

    for (Path extra : files.extraDirectories()) {
      if (Files.isDirectory(extra)) {
        container.addFileEntriesLayer(extraDirectoryLayer(extra));
      }
    }
    container.setFormat(ImageFormat.OCI);
    container.setCreationTime(spec.creationTime());
    container.setLabels(spec.labels());
    Map<String, String> environment = new TreeMap<>();
    spec.environment().forEach((k, v) -> environment.put(k, v == null ? "" : v));
    container.setEnvironment(environment);
    if (!spec.args().isEmpty()) {
      container.setProgramArguments(spec.args());
    }
    if (!spec.ports().isEmpty()) {
      try {
        container.setExposedPorts(Ports.parse(spec.ports()));
      } catch (NumberFormatException e) {
        throw new UserError(
            "Parameter 'ports' "
                + spec.ports()
                + " is invalid ("
                + e.getMessage()
                + "); write ports as 8080, 9000/udp or 7000-7002.",
            e);
      }
    }
    if (spec.user() != null && !spec.user().isBlank()) {
      container.setUser(spec.user().strip());
    }
    if (spec.workingDirectory() != null && !spec.workingDirectory().isBlank()) {
      try {
        container.setWorkingDirectory(AbsoluteUnixPath.get(spec.workingDirectory().strip()));
      } catch (IllegalArgumentException e) {
        throw new UserError(
            "Parameter 'workingDirectory' is '"
                + spec.workingDirectory()
                + "': write an absolute path such as /app.",
            e);
      }
    }
    spec.platform().ifPresent(p -> container.setPlatforms(Set.of(p.jib())));
    return container;
  }

  private static boolean isClassFile(Path path) {
    return path.getFileName().toString().endsWith(".class");
  }

  /** Files keep their executable bit (git records it), everything else gets Jib's defaults. */
  private static FileEntriesLayer extraDirectoryLayer(Path directory) throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("extra files");
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(directory)) {
      paths = walk.filter(p -> !p.equals(directory)).sorted().toList();
    }
    AbsoluteUnixPath root = AbsoluteUnixPath.get("/");
    for (Path path : paths) {
      AbsoluteUnixPath target = root.resolve(directory.relativize(path));
      FilePermissions permissions =
          Files.isDirectory(path)
              ? FilePermissions.DEFAULT_FOLDER_PERMISSIONS
              : Files.isExecutable(path)
                  ? FilePermissions.fromOctalString("755")
                  : FilePermissions.DEFAULT_FILE_PERMISSIONS;
      layer.addEntry(path, target, permissions, FILE_TIME);
    }
    return layer.build();
  }
}
