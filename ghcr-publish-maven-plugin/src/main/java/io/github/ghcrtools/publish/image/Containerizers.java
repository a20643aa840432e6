package io.github.ghcrtools.publish.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import java.nio.file.Path;

/**
 * Jib containerizers with the suite's fixed settings: never insecure, no registry mirrors, the
 * application layer cache in the build directory, events to the {@link ProgressReporter}.
 */
public final class Containerizers {

  public static final String TOOL_NAME = "ghcr-publish-maven-plugin";

  private Containerizers() {}

  /** Writes an OCI archive; the name only goes into the archive's index.json. */
  public static Containerizer toTar(
      Path tar, GhcrReference name, BuildRequest build, ProgressReporter reporter) {
    TarImage image = TarImage.at(tar).named(jibReference(name));
    return configure(Containerizer.to(image), build, reporter);
  }

  private static Containerizer configure(
      Containerizer containerizer, BuildRequest build, ProgressReporter reporter) {
    build.baseImageCache().ifPresent(containerizer::setBaseImageLayersCache);
    return containerizer
        .setAllowInsecureRegistries(false)
        .setOfflineMode(false)
        .setApplicationLayersCache(build.applicationCache())
        .setToolName(TOOL_NAME)
        .setToolVersion(build.toolVersion())
        .addEventHandler(LogEvent.class, reporter::onLog)
        .addEventHandler(ProgressEvent.class, reporter::onProgress);
  }

  static ImageReference jibReference(GhcrReference reference) {
    try {
      return ImageReference.parse(reference.toString());
    } catch (InvalidImageReferenceException e) {
      throw new IllegalStateException("checked reference " + reference + " rejected by Jib", e);
    }
  }
}
