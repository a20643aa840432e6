package io.github.ghcrtools.publish.push;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.publish.build.BaseImageSource;
import io.github.ghcrtools.publish.build.BuildRequest;
import io.github.ghcrtools.publish.build.ContainerFactory;
import io.github.ghcrtools.publish.build.Containerizers;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Pushes with Jib from the same container plan the local build used, so the registry receives
 * the digest that was checked against the tags. Jib checks each blob before uploading it.
 */
public final class JibUploader implements ImageUploader {

  private final RegistryRetry retry;

  public JibUploader(RegistryRetry retry) {
    this.retry = retry;
  }

  @Override
  public String upload(BuildRequest build, List<String> tags, RegistryCredentials credentials, ProgressReporter reporter)
      throws IOException, InterruptedException {
    return retry.call(
        "push " + build.target().repository().repositoryName(), () -> uploadOnce(build, tags, credentials, reporter));
  }

  private String uploadOnce(BuildRequest build, List<String> tags, RegistryCredentials credentials, ProgressReporter reporter)
      throws IOException, InterruptedException {
    try {
      JibContainer container =
          ContainerFactory.create(
                  BaseImageSource.start(
                      build.spec().baseImage(), build.workDirectory(), build.spec().platform(), build.baseCredentials()),
                  build.spec(),
                  build.files())
              .containerize(
                  Containerizers.toRegistry(build.target().repository(), tags, credentials, build, reporter));
      return container.getDigest().toString();
    } catch (RegistryException e) {
      throw new GhcrRegistry.RegistryCallException(build.target().repository(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException(cause.getMessage(), cause);
    } catch (CacheDirectoryCreationException e) {
      throw new IOException("Cannot create Jib's cache directory: " + e.getMessage(), e);
    }
  }
}
