package io.github.ghcrtools.publish.push;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.hash.Digests;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate.ContentDescriptorTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.retry.HttpStatusException;
import io.github.ghcrtools.publish.build.BuiltImage;
import io.github.ghcrtools.publish.build.ImageArchives;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link RemoteRepository} on Jib's own registry client (https only, the JVM's proxy and trust
 * settings): tag checks, the upload of an archived image, and re-tagging. Basic credentials are
 * offered up front (one request per tag check against a basic-auth registry); a 401 gets one more
 * attempt after ghcr.io's bearer-token flow ({@link FreshAuthentication}).
 */
public final class GhcrRegistry implements RemoteRepository {

  private final GhcrReference repository;
  private final FailoverHttpClient http;
  private final RegistryClient client;
  private final Map<String, ManifestTemplate> manifests = new ConcurrentHashMap<>();
  private final RegistryRetry retry;
  private final FreshAuthentication authentication;

  /**
   * @param retry retries for transient failures (429, 5xx, resets)
   * @param log Jib's log events (debug)
   */
  public GhcrRegistry(
      GhcrReference repository,
      RegistryCredentials credentials,
      String userAgent,
      RegistryRetry retry,
      Consumer<LogEvent> log) {
    this.repository = repository;
    this.retry = retry;
    this.http = new FailoverHttpClient(false, false, log);
    EventHandlers handlers = EventHandlers.builder().add(LogEvent.class, log).build();
    this.client =
        RegistryClient.factory(handlers, GhcrReference.REGISTRY, repository.repository(), http)
            .setCredential(Credential.from(credentials.username(), credentials.token().reveal()))
            .setUserAgent(userAgent)
            .newRegistryClient();
    client.configureBasicAuth();
    this.authentication = new FreshAuthentication(client::doPushBearerAuth);
  }

  @Override
  public Optional<String> digestOf(String tagOrDigest) throws IOException {
    try {
      return call("check " + tagOrDigest, () -> client.checkManifest(tagOrDigest)).map(m -> m.getDigest().toString());
    } catch (RegistryCallException e) {
      if (status(e.getCause()) == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Sends the image from its archive: one HEAD per blob and an upload only for the blobs the
   * registry lacks, side by side, then the manifest under each tag. A blob upload the registry
   * forgets (GHCR's {@code BLOB_UPLOAD_UNKNOWN}) is retried from the HEAD check, so a blob that did
   * land is not sent twice.
   */
  @Override
  public String push(BuiltImage image, List<String> tags, ProgressReporter reporter) throws IOException {
    OciManifestTemplate manifest = archivedManifest(image);
    SideBySide.map(blobsOf(manifest), blob -> ensureBlob(image.archive(), blob, reporter));
    manifests.put(image.digest(), manifest);
    SideBySide.map(tags, tag -> call("tag " + tag, () -> client.pushManifest(manifest, tag)));
    return image.digest();
  }

  /** The archive's manifest, which Jib re-encodes byte for byte (checked), so the digest is kept. */
  private OciManifestTemplate archivedManifest(BuiltImage image) throws IOException {
    OciManifestTemplate manifest =
        JsonTemplateMapper.readJson(ImageArchives.readBlob(image.archive(), image.digest()), OciManifestTemplate.class);
    String encoded = Digests.computeJsonDigest(manifest).toString();
    if (!encoded.equals(image.digest())) {
      throw new IOException(
          image.archive().getFileName() + " holds manifest " + image.digest() + ", which re-encodes to " + encoded
              + "; run ghcr:build again (mvn clean package) before pushing.");
    }
    return manifest;
  }

  /** The config and layer blobs of the very manifest that is pushed. */
  private static List<ContentDescriptorTemplate> blobsOf(OciManifestTemplate manifest) throws IOException {
    if (manifest.getContainerConfiguration() == null) {
      throw new IOException("the image manifest in the archive has no config");
    }
    List<ContentDescriptorTemplate> blobs = new ArrayList<>();
    blobs.add(manifest.getContainerConfiguration());
    blobs.addAll(manifest.getLayers());
    return blobs;
  }

  private boolean ensureBlob(Path archive, ContentDescriptorTemplate blob, ProgressReporter reporter) throws IOException {
    DescriptorDigest digest = blob.getDigest();
    String name = String.valueOf(digest);
    return call(
        "upload " + name,
        () -> {
          if (client.checkBlob(digest).isPresent()) {
            reporter.blobPresent(name);
            return false;
          }
          Blob content = Blobs.from(out -> ImageArchives.copyBlob(archive, name, out), true);
          if (client.pushBlob(digest, content, null, reporter.uploadProgress(name, blob.getSize()))) {
            reporter.blobPresent(name); // it landed in the meantime
            return false;
          }
          reporter.blobUploaded(name, blob.getSize());
          return true;
        });
  }

  @Override
  public void tag(String digest, String tag) throws IOException {
    ManifestTemplate manifest = manifestOf(digest);
    call("tag " + tag, () -> client.pushManifest(manifest, tag));
  }

  /** The manifest behind {@code digest}, pulled once even when several tags move side by side. */
  private ManifestTemplate manifestOf(String digest) throws IOException {
    synchronized (manifests) {
      ManifestTemplate manifest = manifests.get(digest);
      if (manifest == null) {
        ManifestAndDigest<ManifestTemplate> pulled = call("pull manifest " + digest, () -> client.pullManifest(digest));
        manifest = pulled.getManifest();
        String reserialized = Digests.computeJsonDigest(manifest).toString();
        if (!reserialized.equals(digest)) {
          throw new IOException(
              "The manifest " + digest + " in " + repository.repositoryName() + " was not written by Jib"
                  + " (re-encoding it gives " + reserialized + "), so it cannot be re-tagged byte for byte;"
                  + " tag it with the tool that pushed it.");
        }
        manifests.put(digest, manifest);
      }
      return manifest;
    }
  }

  private <T> T call(String operation, JibCall<T> call) throws IOException {
    try {
      return retry.call(repository.repositoryName() + ": " + operation, () -> authenticated(call));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(operation + " interrupted", e);
    }
  }

  /** Basic credentials first; on a 401, ghcr.io's bearer-token flow (fresh token), then once more. */
  private <T> T authenticated(JibCall<T> call) throws IOException {
    try {
      return authentication.call(call::run);
    } catch (RegistryException e) {
      throw new RegistryCallException(repository, e);
    }
  }

  /** HTTP status behind a Jib failure, or -1. */
  static int status(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ResponseException r) {
        return r.getStatusCode();
      }
      if (c instanceof HttpStatusException h) {
        return h.status();
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    http.shutDown();
  }

  @FunctionalInterface
  private interface JibCall<T> {
    T run() throws IOException, RegistryException;
  }

  /** A Jib {@link RegistryException} carried through {@link RemoteRepository}'s IOException. */
  public static final class RegistryCallException extends IOException {
    private static final long serialVersionUID = 1L;

    RegistryCallException(GhcrReference repository, RegistryException cause) {
      super(repository.repositoryName() + ": " + cause.getMessage(), cause);
    }
  }
}
