package io.github.ghcrtools.publish.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Jib core reads local base images only in {@code docker save} form; this rewrites an OCI image
 * layout (directory or tar, e.g. one of this plugin's own {@code target/ghcr/*.tar}) into that form
 * without touching the blobs, so the layer digests stay those of the layout.
 */
public final class OciLayoutConverter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OciLayoutConverter() {}

  /**
   * @param layout OCI layout directory
   * @param workDirectory where the docker archive is written (content-addressed, reused)
   * @return the docker archive
   */
  public static Path toDockerArchive(
      Path layout, Path workDirectory, Optional<ImagePlatform> platform) throws IOException {
    byte[] index = Files.readAllBytes(layout.resolve("index.json"));
    String what = "OCI layout " + layout.getFileName();
    OciImageManifest manifest =
        OciLayoutReader.resolve(index, OciLayoutReader.Blobs.in(layout), platform, what);
    checkCompression(manifest, what);

    Files.createDirectories(workDirectory);
    String hex = manifest.digest().substring(manifest.digest().indexOf(':') + 1);
    Path archive = workDirectory.resolve("base-" + hex.substring(0, 16) + ".tar");
    if (Files.isRegularFile(archive)) {
      return archive;
    }
    List<String> files = new ArrayList<>();
    ObjectNode entry = JSON.createObjectNode();
    entry.put("Config", OciLayoutReader.blobPath(manifest.configDigest()));
    entry.putArray("RepoTags");
    ArrayNode layers = entry.putArray("Layers");
    files.add(OciLayoutReader.blobPath(manifest.configDigest()));
    for (OciImageManifest.Layer layer : manifest.layers()) {
      layers.add(OciLayoutReader.blobPath(layer.digest()));
      files.add(OciLayoutReader.blobPath(layer.digest()));
    }
    byte[] manifestJson = JSON.writeValueAsBytes(JSON.createArrayNode().add(entry));

    Path partial = Files.createTempFile(workDirectory, "base-", ".partial");
    try (OutputStream out = Files.newOutputStream(partial);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      TarArchiveEntry m = new TarArchiveEntry("manifest.json");
      m.setSize(manifestJson.length);
      tar.putArchiveEntry(m);
      tar.write(manifestJson);
      tar.closeArchiveEntry();
      for (String file : files.stream().distinct().toList()) {
        Path blob = layout.resolve(file);
        if (!Files.isRegularFile(blob)) {
          throw new IOException(what + ": blob " + file + " is missing from the layout");
        }
        TarArchiveEntry e = new TarArchiveEntry(file);
        e.setSize(Files.size(blob));
        tar.putArchiveEntry(e);
        Files.copy(blob, tar);
        tar.closeArchiveEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(
        partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return archive;
  }

  /** Jib looks at the first layer only to decide whether all layers are compressed. */
  private static void checkCompression(OciImageManifest manifest, String what) throws IOException {
    boolean allGzip = manifest.layers().stream().allMatch(OciImageManifest.Layer::gzipped);
    boolean allTar = manifest.layers().stream().allMatch(OciImageManifest.Layer::uncompressedTar);
    if (!allGzip && !allTar) {
      String types =
          String.join(
              ", ",
              manifest.layers().stream()
                  .map(l -> String.valueOf(l.mediaType()))
                  .distinct()
                  .toList());
      throw new IOException(
          what
              + ": layers must be all gzip or all uncompressed tar (found "
              + types
              + "); re-export the base image with gzip layers.");
    }
  }
}
