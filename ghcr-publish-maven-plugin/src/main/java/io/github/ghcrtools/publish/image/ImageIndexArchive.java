package io.github.ghcrtools.publish.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghcrtools.core.registry.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a multi-platform image as one OCI layout tar: {@code index.json} names an OCI image index
 * whose entries are the platform images Jib built one at a time (Jib writes no index to a tar),
 * each with its platform, and the layout holds every blob once. The index's bytes depend only on
 * the platform manifests, their order and the annotations, so the same inputs give the same digest.
 */
final class ImageIndexArchive {

  static final String INDEX_TYPE = "application/vnd.oci.image.index.v1+json";
  static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long ENTRY_TIME = 1000L; // Jib's reproducible entry time, epoch + 1 s

  /** One platform's image: its single-image layout tar and what Jib built for it. */
  record PlatformImage(ImagePlatform platform, Path archive, OciImageManifest manifest) {}

  private ImageIndexArchive() {}

  /**
   * The index of {@code images} in their order, with {@code annotations}.
   *
   * @return its exact bytes
   */
  static byte[] index(List<PlatformImage> images, Map<String, String> annotations)
      throws IOException {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", INDEX_TYPE);
    ArrayNode manifests = index.putArray("manifests");
    for (PlatformImage image : images) {
      byte[] manifest = ImageArchives.readBlob(image.archive(), image.manifest().digest());
      ObjectNode entry = manifests.addObject();
      entry.put("mediaType", JSON.readTree(manifest).path("mediaType").asText(MANIFEST_TYPE));
      entry.put("digest", image.manifest().digest());
      entry.put("size", manifest.length);
      entry.set("platform", image.platform().descriptor());
    }
    if (!annotations.isEmpty()) {
      ObjectNode node = index.putObject("annotations");
      new TreeMap<>(annotations).forEach(node::put);
    }
    return JSON.writeValueAsBytes(index);
  }

  /**
   * Writes {@code archive} (replacing it atomically) holding the index and every platform's blobs.
   *
   * @param refName the {@code org.opencontainers.image.ref.name} of the index in {@code index.json}
   * @return the index's digest
   */
  static String write(
      Path archive, List<PlatformImage> images, Map<String, String> annotations, String refName)
      throws IOException {
    byte[] index = index(images, annotations);
    String digest = Sha256.digestOf(index);
    ObjectNode entry = JSON.createObjectNode();
    entry.put("mediaType", INDEX_TYPE);
    entry.put("digest", digest);
    entry.put("size", index.length);
    entry.putObject("annotations").put("org.opencontainers.image.ref.name", refName);
    ObjectNode layout = JSON.createObjectNode();
    layout.put("schemaVersion", 2);
    layout.putArray("manifests").add(entry);

    Set<String> needed = new LinkedHashSet<>();
    for (PlatformImage image : images) {
      needed.add(OciLayoutReader.blobPath(image.manifest().digest()));
      needed.add(OciLayoutReader.blobPath(image.manifest().configDigest()));
      for (String layer : image.manifest().layerDigests()) {
        needed.add(OciLayoutReader.blobPath(layer));
      }
    }
    Files.createDirectories(archive.getParent());
    Path partial =
        Files.createTempFile(archive.getParent(), archive.getFileName() + ".", ".partial");
    try (OutputStream out = Files.newOutputStream(partial);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      put(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
      put(tar, "index.json", JSON.writeValueAsBytes(layout));
      put(tar, OciLayoutReader.blobPath(digest), index);
      Set<String> written = new HashSet<>();
      for (PlatformImage image : images) {
        copyBlobs(image.archive(), needed, written, tar);
      }
      for (String blob : needed) {
        if (!written.contains(blob)) {
          throw new IOException("the platform images hold no " + blob + "; run ghcr:build again");
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(
        partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return digest;
  }

  /** Streams the needed blobs of one platform's tar not written yet, in the tar's order. */
  private static void copyBlobs(
      Path platformTar, Set<String> needed, Set<String> written, TarArchiveOutputStream tar)
      throws IOException {
    try (InputStream in = Files.newInputStream(platformTar);
        TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
        String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
        if (e.isFile() && needed.contains(name) && written.add(name)) {
          TarArchiveEntry copy = new TarArchiveEntry(name);
          copy.setSize(e.getSize());
          copy.setModTime(ENTRY_TIME);
          tar.putArchiveEntry(copy);
          entries.transferTo(tar);
          tar.closeArchiveEntry();
        }
      }
    }
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] bytes)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(bytes.length);
    e.setModTime(ENTRY_TIME);
    tar.putArchiveEntry(e);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }
}
