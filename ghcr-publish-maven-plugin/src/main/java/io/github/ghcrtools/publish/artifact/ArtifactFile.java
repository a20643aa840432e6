package io.github.ghcrtools.publish.artifact;

import java.io.File;

/**
 * One entry of {@code ghcr:artifact}'s {@code files}: a file of the build and the media type of its
 * layer. Written in the POM as {@code <file><path>…</path><mediaType>…</mediaType></file>}, or on
 * the command line as {@code path:mediaType} ({@code -Dghcr.artifact.files=a.json:application/json,
 * b.bin:application/octet-stream}). A relative path is taken from the project directory.
 */
public class ArtifactFile {

  private File path;
  private String mediaType;

  /** For the POM form, which Maven fills field by field. */
  public ArtifactFile() {}

  /**
   * The command-line form {@code path:mediaType}, split at the last {@code :} (a media type has
   * none); without one the media type stays unset and the goal says how to write it.
   */
  public ArtifactFile(String pathAndMediaType) {
    String text = pathAndMediaType == null ? "" : pathAndMediaType.strip();
    int colon = text.lastIndexOf(':');
    this.path = new File(colon < 0 ? text : text.substring(0, colon).strip());
    this.mediaType = colon < 0 ? null : text.substring(colon + 1).strip();
  }

  public ArtifactFile(File path, String mediaType) {
    this.path = path;
    this.mediaType = mediaType;
  }

  public File getPath() {
    return path;
  }

  public String getMediaType() {
    return mediaType;
  }

  @Override
  public String toString() {
    return (path == null ? "" : path.getPath()) + ":" + (mediaType == null ? "" : mediaType);
  }
}
