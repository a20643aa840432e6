package io.github.ghcrtools.it.reliability;

import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.SampleProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One copy of a sample project shared by many short cases: each case breaks something (edits, new
 * files, deleted files), and {@link #reset()} puts every file back and removes what the plugins
 * wrote, so the next case starts from the pristine sample while Maven's compiled classes stay and
 * the copy is made once.
 */
final class SampleSandbox {

  /** What the plugins and the cases leave behind that the next case must not see. */
  private static final List<String> OUTPUTS =
      List.of(
          "target/ghcr-publish",
          "target/helm",
          "target/deploy-signal",
          "target/ghcr",
          "records",
          ".github",
          "scripts",
          "settings");

  private final SampleProject project;

  /** Relative path → original bytes, or null for a file the case created. */
  private final Map<String, byte[]> originals = new LinkedHashMap<>();

  private SampleSandbox(SampleProject project) {
    this.project = project;
  }

  static SampleSandbox of(String sample) {
    return new SampleSandbox(SampleProject.copyOf(sample));
  }

  SampleProject project() {
    return project;
  }

  Path directory() {
    return project.directory();
  }

  Path resolve(String relative) {
    return project.resolve(relative);
  }

  /** Replaces text in a file of the sample; fails when the text is not there. */
  SampleSandbox edit(String relative, String from, String to) {
    String text = read(relative);
    if (!text.contains(from)) {
      throw new IllegalStateException(relative + " of the sample has no '" + from + "'");
    }
    return write(relative, text.replace(from, to));
  }

  /** Writes (creates or replaces) a file, remembering what was there. */
  SampleSandbox write(String relative, String text) {
    remember(relative);
    try {
      Path file = project.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Writes an executable script. */
  Path script(String relative, String text) {
    write(relative, text);
    Path file = project.resolve(relative);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Deletes a file of the sample, remembering it. */
  SampleSandbox delete(String relative) {
    remember(relative);
    try {
      Files.delete(project.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  String read(String relative) {
    try {
      return Files.readString(project.resolve(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file back as the sample had it; the plugins' outputs and the GitHub files gone. */
  void reset() {
    try {
      for (var entry : originals.entrySet()) {
        Path file = project.resolve(entry.getKey());
        if (entry.getValue() == null) {
          Files.deleteIfExists(file);
        } else {
          Files.createDirectories(file.getParent());
          Files.write(file, entry.getValue());
        }
      }
      originals.clear();
      for (String output : OUTPUTS) {
        deleteTree(project.resolve(output));
      }
      Files.deleteIfExists(GitHubEnv.outputFile(project));
      Files.deleteIfExists(GitHubEnv.stepSummaryFile(project));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void remember(String relative) {
    if (originals.containsKey(relative)) {
      return;
    }
    Path file = project.resolve(relative);
    try {
      originals.put(relative, Files.exists(file) ? Files.readAllBytes(file) : null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
