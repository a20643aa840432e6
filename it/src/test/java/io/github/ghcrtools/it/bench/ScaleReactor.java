package io.github.ghcrtools.it.bench;

import io.github.ghcrtools.it.maven.ItEnvironment;
import io.github.ghcrtools.it.maven.SampleProject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The scale benchmark's reactor, generated per checkout from {@code
 * it/src/it/projects/bench-scale}: {@code images} image modules on {@code scratch} and two charts.
 * Modules 1 and 2 depend on the same jars, module 3 on jars of its own, each set {@code jarBytes}
 * of incompressible, deterministic data, installed into the sample builds' local repository (never
 * committed). Nothing here is a blob of the repository: a checkout lives under {@code
 * it/target/it-work}.
 */
public final class ScaleReactor {

  static final String SAMPLE = "bench-scale";
  public static final List<String> CHARTS = List.of("chart-a", "chart-b");
  static final String CHART_VERSION = "1.0.0";
  private static final String JIB_VERSION_TOKEN = "@jib-maven-plugin.version@";
  private static final String GROUP = "bench.scale";
  private static final int JARS_PER_SET = 4;
  private static final FileTime EPOCH = FileTime.fromMillis(1_767_225_600_000L); // 2026-01-01

  private final SampleProject project;
  private final int images;
  private final boolean bigLayer;

  private ScaleReactor(SampleProject project, int images, boolean bigLayer) {
    this.project = project;
    this.images = images;
    this.bigLayer = bigLayer;
  }

  /** A fresh checkout with {@code images} image modules, the jars of {@code jarBytes} per set. */
  public static ScaleReactor fresh(int images, long jarBytes, String jibVersion) {
    return generate(images, jarBytes, jibVersion, false);
  }

  /** One image module whose dependency layer is one jar of {@code layerBytes}; no chart. */
  public static ScaleReactor bigLayer(long layerBytes, String jibVersion) {
    return generate(1, layerBytes, jibVersion, true);
  }

  private static ScaleReactor generate(
      int images, long jarBytes, String jibVersion, boolean bigLayer) {
    SampleProject project = SampleProject.copyOf(SAMPLE);
    ScaleReactor reactor = new ScaleReactor(project, images, bigLayer);
    try {
      reactor.expand(jarBytes, jibVersion);
    } catch (IOException e) {
      throw new UncheckedIOException("could not generate the scale reactor", e);
    }
    return reactor;
  }

  public SampleProject project() {
    return project;
  }

  int images() {
    return images;
  }

  public static String imageName(int module) {
    return String.format("img-%02d", module);
  }

  /** The jar set a module depends on: modules 1 and 2 share one, module 3 has its own. */
  static String jarSet(int module) {
    return switch (module) {
      case 1, 2 -> "shared";
      case 3 -> "own";
      default -> null;
    };
  }

  /**
   * The next release: module 1's code changed, and the reactor's version bumped to {@code version}
   * (a published version never changes, so a changed module needs one).
   */
  void changeModuleOne(int revision, String version) {
    try (Stream<Path> poms = Files.walk(project.directory())) {
      for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
        replace(pom, "<version>1.0.0</version>", "<version>" + version + "</version>");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path main = project.resolve(imageName(1) + "/src/main/java/bench/scale/Main.java");
    try {
      String text = Files.readString(main, StandardCharsets.UTF_8);
      Files.writeString(
          main, text.replaceAll("revision \\d+", "revision " + revision), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The chart modules' folders (each module {@code <name>} has its chart in {@code
   * src/main/helm/<name>}).
   */
  List<Path> chartModules() {
    return (bigLayer ? List.<String>of() : CHARTS).stream().map(project::resolve).toList();
  }

  private void expand(long jarBytes, String jibVersion) throws IOException {
    Path templates = project.resolve("templates");
    List<String> modules = new ArrayList<>();
    for (int i = 1; i <= images; i++) {
      String name = imageName(i);
      modules.add(name);
      copy(templates.resolve("image"), project.resolve(name), "IMAGE_NAME", name);
      String set = bigLayer ? "big" : jarSet(i);
      int jars = bigLayer ? 1 : JARS_PER_SET;
      StringBuilder deps = new StringBuilder();
      if (set != null && jarBytes > 0) {
        for (int k = 1; k <= jars; k++) {
          String artifact = "lib-" + set + "-" + k;
          installJar(artifact, jarBytes / jars, (set + k).hashCode());
          deps.append("<dependency><groupId>")
              .append(GROUP)
              .append("</groupId><artifactId>")
              .append(artifact)
              .append("</artifactId><version>1.0</version></dependency>\n    ");
        }
      }
      replace(project.resolve(name + "/pom.xml"), "<!-- DEPENDENCIES -->", deps.toString());
    }
    for (String chart : bigLayer ? List.<String>of() : CHARTS) {
      modules.add(chart);
      copy(templates.resolve("chart"), project.resolve(chart), "CHART_NAME", chart);
    }
    delete(templates);
    StringBuilder list = new StringBuilder();
    modules.forEach(m -> list.append("<module>").append(m).append("</module>\n    "));
    Path pom = project.resolve("pom.xml");
    replace(pom, "<!-- MODULES -->", list.toString());
    replace(pom, JIB_VERSION_TOKEN, jibVersion);
  }

  /** A jar of one stored entry of seeded random bytes, written once into the sample repository. */
  private static void installJar(String artifact, long size, long seed) throws IOException {
    Path dir = ItEnvironment.itRepository().resolve("bench/scale/" + artifact + "/1.0");
    Path jar = dir.resolve(artifact + "-1.0.jar");
    Path pom = dir.resolve(artifact + "-1.0.pom");
    Path marker = dir.resolve(artifact + "-1.0.size");
    if (Files.exists(marker) && Files.readString(marker).equals(Long.toString(size))) {
      return;
    }
    Files.createDirectories(dir);
    // two passes over the same seeded bytes: a stored entry needs its CRC before its data, and a
    // 300 MB jar is never held in memory
    CRC32 crc = new CRC32();
    seeded(size, seed, (chunk, length) -> crc.update(chunk, 0, length));
    try (OutputStream file = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      ZipEntry entry = new ZipEntry("bench/scale/" + artifact + ".bin");
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(size);
      entry.setCompressedSize(size);
      entry.setCrc(crc.getValue());
      entry.setLastModifiedTime(EPOCH);
      zip.putNextEntry(entry);
      seeded(size, seed, (chunk, length) -> zip.write(chunk, 0, length));
      zip.closeEntry();
    }
    Files.writeString(
        pom,
        "<project><modelVersion>4.0.0</modelVersion><groupId>"
            + GROUP
            + "</groupId><artifactId>"
            + artifact
            + "</artifactId><version>1.0</version></project>\n",
        StandardCharsets.UTF_8);
    Files.writeString(marker, Long.toString(size), StandardCharsets.UTF_8);
  }

  private interface ChunkSink {
    void accept(byte[] chunk, int length) throws IOException;
  }

  private static void seeded(long size, long seed, ChunkSink sink) throws IOException {
    Random random = new Random(seed);
    byte[] chunk = new byte[1024 * 1024];
    for (long done = 0; done < size; done += chunk.length) {
      random.nextBytes(chunk);
      sink.accept(chunk, (int) Math.min(chunk.length, size - done));
    }
  }

  private static void copy(Path from, Path to, String marker, String name) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString().replace(marker, name));
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.writeString(
              target,
              Files.readString(file, StandardCharsets.UTF_8).replace(marker, name),
              StandardCharsets.UTF_8);
        }
      }
    }
  }

  private static void replace(Path file, String marker, String text) throws IOException {
    Files.writeString(
        file,
        Files.readString(file, StandardCharsets.UTF_8).replace(marker, text),
        StandardCharsets.UTF_8);
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
