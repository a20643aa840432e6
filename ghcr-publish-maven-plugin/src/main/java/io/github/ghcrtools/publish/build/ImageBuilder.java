package io.github.ghcrtools.publish.build;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.BuildRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.publish.progress.BuildLog;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/**
 * Builds the image into {@code target/ghcr/<name>.tar} (OCI layout) and records what it built.
 * No network except pulling a base image the policy allowed; the digest it reports is the one
 * {@code push} compares with the registry.
 */
public final class ImageBuilder {

  private final BuildLog log;

  public ImageBuilder(BuildLog log) {
    this.log = log;
  }

  public BuiltImage build(BuildRequest request) throws IOException, InterruptedException {
    ContainerSpec spec = request.spec();
    Path archive = request.archive();
    Files.createDirectories(archive.getParent());
    ProgressReporter reporter = new ProgressReporter(log, request.target().name());
    String archiveTag = request.tags().isEmpty() ? "local" : request.tags().primary();

    JibContainer container;
    try {
      JibContainerBuilder builder =
          ContainerFactory.create(
              BaseImageSource.start(spec.baseImage(), request.workDirectory(), spec.platform(), request.baseCredentials()),
              spec,
              request.files());
      container =
          builder.containerize(
              Containerizers.toTar(archive, request.target().tagged(archiveTag), request, reporter));
    } catch (RegistryException e) {
      throw new IOException(
          "Pulling base image " + spec.baseImage().describe() + " failed: " + e.getMessage()
              + ". Check <baseImage> and, for a private ghcr.io image, the credentials.", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("Building the image failed: " + cause.getMessage(), cause);
    } catch (CacheDirectoryCreationException e) {
      throw new IOException("Cannot create Jib's cache directory: " + e.getMessage(), e);
    }

    OciImageManifest manifest = ImageArchives.readOciTar(archive, spec.platform());
    String digest = container.getDigest().toString();
    if (!manifest.digest().equals(digest)) {
      throw new IOException(
          "Jib reported digest " + digest + " but " + archive.getFileName() + " holds " + manifest.digest());
    }
    String imageId = container.getImageId().toString();
    Path record =
        PublishRecords.writeBuild(
            request.buildRecords(),
            BuildRecord.of(ArtifactKind.IMAGE, request.target().name(), relative(request.basedir(), archive), digest, imageId));
    if (log.isInfoEnabled()) {
      log.info(
          "Built " + request.target().repository().repositoryName() + " (" + spec.baseImage().describe() + " base) -> "
              + relative(request.basedir(), archive) + ", " + digest + ", " + manifest.layers().size() + " layers");
    }
    return new BuiltImage(request.target().name(), archive, digest, imageId, manifest, record);
  }

  static String relative(Path basedir, Path file) {
    try {
      return basedir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    } catch (IllegalArgumentException e) {
      return file.toString();
    }
  }
}
