package io.github.ghcrtools.helm.oci.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Builds sample charts on disk for tests and reads packaged archives back. */
public final class SampleChart {

  static final Instant TIMESTAMP = Instant.parse("2026-01-01T00:00:00Z");

  private SampleChart() {}

  /** A minimal valid application chart {@code <parent>/<name>}, version 0.1.0. */
  public static Path create(Path parent, String name) {
    Path dir = parent.resolve(name);
    write(dir, "Chart.yaml", chartYaml(name, "0.1.0"));
    write(dir, "values.yaml", "replicaCount: 1\n");
    write(dir, "templates/deployment.yaml", "kind: Deployment\n");
    return dir;
  }

  public static String chartYaml(String name, String version) {
    return "apiVersion: v2\nname: "
        + name
        + "\ndescription: A sample chart\ntype: application\nversion: "
        + version
        + "\nappVersion: \"1.0.0\"\n";
  }

  public static Path write(Path dir, String path, String content) {
    return write(dir, path, content.getBytes(StandardCharsets.UTF_8));
  }

  public static Path write(Path dir, String path, byte[] content) {
    try {
      Path file = dir.resolve(path);
      Files.createDirectories(file.getParent());
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PackageRequest request(Path project, Path chartDirectory) {
    return request(project, chartDirectory, Optional.empty(), Optional.empty());
  }

  static PackageRequest request(
      Path project, Path chartDirectory, Optional<String> version, Optional<String> appVersion) {
    return new PackageRequest(
        project,
        chartDirectory,
        project.resolve("target/helm"),
        project.resolve("target/ghcr-publish/build"),
        version,
        appVersion,
        TIMESTAMP);
  }

  /** Entry name to content, in archive order. */
  static Map<String, String> contents(Path archive) {
    Map<String, String> contents = new LinkedHashMap<>();
    for (TarArchiveEntry entry : entries(archive, contents)) {
      contents.putIfAbsent(entry.getName(), "");
    }
    return contents;
  }

  /** Entry headers in archive order; fills {@code contents} when given. */
  static List<TarArchiveEntry> entries(Path archive, Map<String, String> contents) {
    List<TarArchiveEntry> entries = new ArrayList<>();
    try (InputStream in = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        entries.add(entry);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        tar.transferTo(data);
        if (contents != null) {
          contents.put(entry.getName(), data.toString(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }
}
