package io.github.ghcrtools.publish.artifact;

import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks {@code files} before anything else happens, and hashes each file: every entry has a path
 * to a readable regular file and a valid media type, and no two files share a name (a layer's title
 * is its file name, and {@code oras pull} writes the files side by side). The layers keep the order
 * of {@code files}.
 */
final class ArtifactFiles {

  static final String PARAMETER = "files";
  private static final String EXAMPLE =
      "<files><file><path>target/metadata.json</path><mediaType>application/json</mediaType>"
          + "</file></files> (-Dghcr.artifact.files=target/metadata.json:application/json)";

  private ArtifactFiles() {}

  /**
   * @param basedir the project directory, against which relative paths are read
   * @throws UserError naming {@code files} and the entry for every bad entry
   */
  static List<ArtifactLayer> read(Path basedir, List<ArtifactFile> files) throws IOException {
    if (files == null || files.stream().allMatch(f -> f == null)) {
      throw new UserError(
          "Parameter 'files' is empty: list the files to push, e.g. " + EXAMPLE + ".",
          PARAMETER,
          null);
    }
    List<ArtifactLayer> layers = new ArrayList<>();
    Map<String, Path> titles = new LinkedHashMap<>();
    for (ArtifactFile entry : files) {
      if (entry == null) {
        continue;
      }
      if (entry.getPath() == null || entry.getPath().getPath().isBlank()) {
        throw new UserError(
            "Parameter 'files' has an entry without a path (" + entry + "): write " + EXAMPLE + ".",
            PARAMETER,
            null);
      }
      Path file = basedir.resolve(entry.getPath().toPath()).normalize();
      String shown = PublishRecords.relative(basedir, file);
      String mediaType =
          MediaTypes.check(
              entry.getMediaType(),
              "The mediaType of " + shown + " in parameter 'files'",
              PARAMETER,
              "application/json or application/octet-stream, as <mediaType> or path:mediaType");
      if (!Files.exists(file)) {
        throw new UserError(
            "Parameter 'files' names "
                + shown
                + ", which does not exist: build it in an earlier phase than ghcr:artifact, or fix"
                + " the path (relative paths start at the project directory).",
            PARAMETER,
            null);
      }
      if (!Files.isRegularFile(file)) {
        throw new UserError(
            "Parameter 'files' names "
                + shown
                + ", which is not a regular file: list files (a directory goes as one archive).",
            PARAMETER,
            null);
      }
      if (!Files.isReadable(file)) {
        throw new UserError(
            "Parameter 'files' names " + shown + ", which this build cannot read: check its mode.",
            PARAMETER,
            null);
      }
      String title = file.getFileName().toString();
      Path other = titles.putIfAbsent(title, file);
      if (other != null) {
        throw new UserError(
            "Parameter 'files' lists two files named "
                + title
                + " ("
                + PublishRecords.relative(basedir, other)
                + ", "
                + shown
                + "): each layer is titled with its file name and oras pull writes them side by"
                + " side; list each file once and rename one of two namesakes.",
            PARAMETER,
            null);
      }
      layers.add(
          new ArtifactLayer(file, mediaType, title, Sha256.digestOf(file), Files.size(file)));
    }
    return layers;
  }
}
