package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.publish.build.BuildRequest;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import java.io.IOException;
import java.util.List;

/** Uploads the image's blobs and manifest under the given tags; returns the pushed digest. */
@FunctionalInterface
public interface ImageUploader {

  String upload(BuildRequest build, List<String> tags, RegistryCredentials credentials, ProgressReporter reporter)
      throws IOException, InterruptedException;
}
