package io.github.ghcrtools.core.registry;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.retry.RetriesExhausted;
import io.github.ghcrtools.core.retry.RetryClassifier;
import io.github.ghcrtools.core.retry.RetryExhaustedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The one registry client of the suite: the OCI distribution calls both plugins make on one ghcr.io
 * repository (manifest and blob checks, blob uploads, manifest uploads and reads), over the run's
 * HTTP client ({@link UrlConnectionClient}: the JVM's proxy and trust settings, verified https
 * only, no redirects), a blob streaming from its source ({@link StreamedBody}). Every call carries
 * a bearer token from {@link GhcrTokens} (never Basic credentials: ghcr.io refuses them on {@code
 * /v2/}); a 401 renews the token with the credentials and repeats the request. Every operation runs
 * under the goal's retry policy and budget; refusals become {@link RegistryAccessException}s that
 * say who was refused and what to change.
 */
public final class OciRegistry implements AutoCloseable {

  /**
   * Manifest media types accepted on reads: ghcr.io refuses a multi-platform tag to a narrower
   * Accept.
   */
  public static final String MANIFEST_TYPES =
      String.join(
          ", ",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  /** The slowest upload rate a blob PUT is given time for, beyond {@link #CALL_TIMEOUT}. */
  private static final long MIN_BYTES_PER_SECOND = 256 * 1024;

  /**
   * Blobs from this size on are offered for mounts into the run's other repositories: below it a
   * mount (POST, then a HEAD to confirm) costs as many round trips as the upload itself.
   */
  static final long SHARED_MIN_BYTES = 1024 * 1024;

  /** What the calls may do: read only, or read and write. */
  public enum Access {
    PULL("pull"),
    PUSH("pull,push");

    private final String actions;

    Access(String actions) {
      this.actions = actions;
    }
  }

  private final GhcrReference repository;
  private final RegistryCredentials credentials;
  private final RegistryCalls calls;
  private final HttpClient http;
  private final GhcrTokens tokens;
  private final SharedBlobs landed;
  private final Map<String, String> mounts = new ConcurrentHashMap<>();
  private final String scope;
  private final URI base;

  private OciRegistry(
      GhcrReference repository,
      RegistryCredentials credentials,
      Access access,
      RegistryCalls calls,
      HttpClient http) {
    this.repository = repository.withTag(null).withDigest(null);
    this.credentials = credentials;
    this.calls = calls;
    this.http = http;
    this.tokens = new GhcrTokens(http, credentials, calls.userAgent(), calls.tokens());
    this.landed = new SharedBlobs(calls.landedBlobs());
    this.scope = "repository:" + this.repository.repository() + ":" + access.actions;
    this.base =
        URI.create(
            "https://" + GhcrReference.REGISTRY + "/v2/" + this.repository.repository() + "/");
  }

  /** A client for {@code repository} (tag and digest ignored) with {@code access}. */
  public static OciRegistry open(
      GhcrReference repository,
      RegistryCredentials credentials,
      Access access,
      RegistryCalls calls) {
    return over(calls.http(), repository, credentials, access, calls);
  }

  /** The same client over a given HTTP client (unit tests hand in an in-memory one). */
  public static OciRegistry over(
      HttpClient http,
      GhcrReference repository,
      RegistryCredentials credentials,
      Access access,
      RegistryCalls calls) {
    return new OciRegistry(repository, credentials, access, calls, http);
  }

  public GhcrReference repository() {
    return repository;
  }

  /**
   * Fetches the token this client's calls send, unless the run has it already: a client made ahead
   * of its goal (while the image is built) spares the goal's first request the wait for the token
   * service, and the connection it opened stays in the run's pool (for a few seconds: the JDK's
   * idle limit). The same one request the first call would make; nothing is sent to {@code /v2/}.
   */
  public void authorize() throws IOException, InterruptedException {
    tokens.token(scope);
  }

  /** Tokens fetched from ghcr.io's token service so far. */
  public int tokenFetches() {
    return tokens.fetches();
  }

  /**
   * The digest {@code reference} (tag or digest) points at; empty when the registry has no such
   * manifest.
   */
  public Optional<String> manifestDigest(String reference) throws IOException {
    return retried(
        "Checking " + reference,
        () -> {
          HttpResponse<byte[]> response =
              exchange(
                  "checking " + reference,
                  false,
                  () ->
                      request("manifests/" + reference)
                          .method("HEAD", HttpRequest.BodyPublishers.noBody())
                          .header("Accept", MANIFEST_TYPES));
          if (response.statusCode() == 404) {
            return Optional.<String>empty();
          }
          expect(response, 200, "Checking " + reference);
          Optional<String> digest = response.headers().firstValue("Docker-Content-Digest");
          return Optional.of(digest.isPresent() ? digest.get() : pull(reference).digest());
        });
  }

  /** The manifest {@code reference} points at, byte for byte; empty when there is none. */
  public Optional<Manifest> manifest(String reference) throws IOException {
    return retried(
        "Reading manifest " + reference,
        () -> {
          try {
            return Optional.of(pull(reference));
          } catch (RegistryResponseException e) {
            if (e.status() == 404) {
              return Optional.<Manifest>empty();
            }
            throw e;
          }
        });
  }

  private Manifest pull(String reference) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        exchange(
            "reading " + reference,
            false,
            () -> request("manifests/" + reference).GET().header("Accept", MANIFEST_TYPES));
    expect(response, 200, "Reading manifest " + reference);
    String digest = Sha256.digestOf(response.body());
    if (reference.startsWith("sha256:") && !reference.equals(digest)) {
      throw new IOException(
          "ghcr.io returned content with digest "
              + digest
              + " for manifest "
              + reference
              + " of "
              + repository.repositoryName());
    }
    String mediaType =
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("application/vnd.oci.image.manifest.v1+json");
    return new Manifest(response.body(), mediaType, digest);
  }

  /**
   * The bytes of a small blob (an image config), checked against its digest. ghcr.io answers blob
   * reads with a redirect to GitHub's package storage, which is followed over https to {@code
   * *.githubusercontent.com} only and without the token (the address is signed).
   */
  public byte[] blob(String digest) throws IOException {
    return retried(
        "Reading blob " + digest,
        () -> {
          HttpResponse<byte[]> response =
              exchange("reading blob " + digest, false, () -> request("blobs/" + digest).GET());
          int status = response.statusCode();
          if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            URI target = storageLocation(response);
            response =
                http.send(
                    HttpRequest.newBuilder(target)
                        .timeout(CALL_TIMEOUT)
                        .header("User-Agent", calls.userAgent())
                        .GET()
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
          }
          expect(response, 200, "Reading blob " + digest);
          if (!Sha256.digestOf(response.body()).equals(digest)) {
            throw new IOException(
                "ghcr.io returned other content for blob "
                    + digest
                    + " of "
                    + repository.repositoryName());
          }
          return response.body();
        });
  }

  private URI storageLocation(HttpResponse<byte[]> response) throws IOException {
    URI target =
        base.resolve(
            response
                .headers()
                .firstValue("Location")
                .orElseThrow(
                    () -> new IOException("ghcr.io redirected a blob read without a Location")));
    String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
    if (!"https".equals(target.getScheme()) || !host.endsWith(".githubusercontent.com")) {
      throw new PolicyViolationException(
          "ghcr.io redirected a blob read of "
              + repository.repositoryName()
              + " to "
              + target.getScheme()
              + "://"
              + host
              + "; only GitHub's package storage over https is followed.");
    }
    return target;
  }

  /** Whether the repository holds the blob {@code digest}. */
  public boolean hasBlob(String digest) throws IOException {
    return retried("Checking blob " + digest, () -> blobPresent(digest));
  }

  private boolean blobPresent(String digest) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        exchange(
            "checking blob " + digest,
            false,
            () -> request("blobs/" + digest).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    if (response.statusCode() == 404) {
      return false;
    }
    int status = response.statusCode();
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
      return true; // ghcr.io may answer with a redirect to its package storage: the blob is there
    }
    expect(response, 200, "Checking blob " + digest);
    return true;
  }

  /** When {@link #ensureBlob} asks whether the repository already holds a blob. */
  public enum BlobCheck {
    /**
     * HEAD before the first upload: the blob may well be there (a shared base layer, a re-run), and
     * an answer is cheaper than sending it.
     */
    FIRST,
    /**
     * Upload at once and HEAD only before a retry: for blobs that cannot be there yet, such as the
     * config and archive of a chart version the registry does not have (both carry the version).
     * The check before a retry stays (Jib issue #4301): a blob that landed before its failure was
     * reported is not sent twice.
     */
    ON_RETRY
  }

  /**
   * Makes sure the repository holds the blob: one HEAD, and when it is missing an upload (POST,
   * then one PUT streaming {@code content}). Each retry starts again from the HEAD, so a blob that
   * landed before a failure was reported (GHCR's {@code BLOB_UPLOAD_UNKNOWN}, a reset after the
   * last byte) is not sent twice. A big blob another repository of the run already received is
   * mounted from there instead ({@link #mount}; {@link #mountedFrom} tells it afterwards).
   *
   * @param progress told the number of bytes read for the upload as they are sent
   * @return true when this call uploaded it, false when the registry had it or mounted it
   */
  public boolean ensureBlob(String digest, long size, BlobContent content, LongConsumer progress)
      throws IOException {
    return ensureBlob(digest, size, content, progress, BlobCheck.FIRST);
  }

  /**
   * {@link #ensureBlob(String, long, BlobContent, LongConsumer)}, with the first HEAD left out when
   * {@code check} is {@link BlobCheck#ON_RETRY}.
   */
  public boolean ensureBlob(
      String digest, long size, BlobContent content, LongConsumer progress, BlobCheck check)
      throws IOException {
    if (size < 0) {
      throw new IOException(
          "The manifest gives no size for blob "
              + digest
              + "; rebuild the image (mvn clean package)");
    }
    String here = repository.repository();
    if (landed.heldBy(tokens.sender(), here, digest)) {
      return false; // seen in this repository earlier in the run
    }
    boolean uploaded = ensureUnseen(here, digest, size, content, progress, check);
    landed.held(tokens.sender(), here, digest);
    return uploaded;
  }

  /**
   * The repository (path under ghcr.io) that {@link #ensureBlob} mounted {@code digest} from, if it
   * did: a blob not uploaded was either there already or mounted, and a push log tells them apart.
   */
  public Optional<String> mountedFrom(String digest) {
    return Optional.ofNullable(mounts.get(digest));
  }

  private boolean ensureUnseen(
      String here,
      String digest,
      long size,
      BlobContent content,
      LongConsumer progress,
      BlobCheck check)
      throws IOException {
    if (size < SHARED_MIN_BYTES) {
      return sent(digest, size, content, progress, check, Optional.empty());
    }
    if (check == BlobCheck.FIRST && hasBlob(digest)) {
      return false;
    }
    SharedBlobs.Claim claim = landed.claim(tokens.sender(), repository.owner(), digest);
    if (claim.mine()) {
      boolean landedHere = false;
      try {
        boolean uploaded =
            sent(digest, size, content, progress, BlobCheck.ON_RETRY, Optional.empty());
        landedHere = true;
        return uploaded;
      } finally {
        if (landedHere) {
          claim.landed(here);
        } else {
          claim.failed(); // whatever stopped it, an Error too: nobody waits for it any longer
        }
      }
    }
    Optional<String> from;
    try {
      from = claim.await(putTimeout(size));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while another upload of " + digest + " ran");
    }
    Optional<URI> session = Optional.empty();
    if (from.isPresent() && from.get().equals(here)) {
      if (hasBlob(digest)) {
        return false;
      }
    } else if (from.isPresent()) {
      MountAttempt attempt = mount(from.get(), digest);
      if (attempt.mounted()) {
        return false;
      }
      session = attempt.session();
    }
    boolean uploaded = sent(digest, size, content, progress, BlobCheck.ON_RETRY, session);
    if (from.isPresent()) {
      claim.movedTo(here); // the source that failed to mount is not offered again
    }
    return uploaded;
  }

  /**
   * The HEAD ({@code check}) and upload, retried, each retry from the HEAD. The first attempt sends
   * into {@code session} when a declined mount opened one; a retry opens its own.
   */
  private boolean sent(
      String digest,
      long size,
      BlobContent content,
      LongConsumer progress,
      BlobCheck check,
      Optional<URI> session)
      throws IOException {
    AtomicBoolean firstAttempt = new AtomicBoolean(true);
    return retried(
        "Uploading blob " + digest,
        () -> {
          boolean retry = !firstAttempt.getAndSet(false);
          if ((check == BlobCheck.FIRST || retry) && blobPresent(digest)) {
            return false;
          }
          upload(digest, size, content, progress, retry ? Optional.empty() : session);
          return true;
        });
  }

  /** A mount that happened, or the upload session the registry opened when it declined. */
  private record MountAttempt(boolean mounted, Optional<URI> session) {
    static final MountAttempt FAILED = new MountAttempt(false, Optional.empty());
  }

  /**
   * Asks ghcr.io to mount {@code digest} from another repository of the same owner (the token then
   * also carries pull on {@code from}). Only a 201 followed by a HEAD that finds the blob counts:
   * ghcr.io has been seen to answer 201 to a mount under load while the blob never appeared. A 202
   * means the registry declined and opened an upload session instead: the spec has the client send
   * the blob into it, rather than ask for another. A refusal or any failure means the caller sends
   * the blob as usual.
   */
  private MountAttempt mount(String from, String digest) {
    String mountScope = scope + " repository:" + from + ":pull";
    try {
      // one attempt, not retried: a mount only saves time, and the goal's retry wait is kept for
      // the upload that follows when it fails
      HttpResponse<byte[]> response =
          exchange(
              "mounting blob " + digest,
              true,
              mountScope,
              () ->
                  request(
                          "blobs/uploads/?mount="
                              + URLEncoder.encode(digest, StandardCharsets.UTF_8)
                              + "&from="
                              + URLEncoder.encode(from, StandardCharsets.UTF_8))
                      .POST(HttpRequest.BodyPublishers.noBody()));
      if (response.statusCode() == 201 && hasBlob(digest)) {
        mounts.put(digest, from);
        return new MountAttempt(true, Optional.empty());
      }
      if (response.statusCode() == 202) {
        return new MountAttempt(false, Optional.of(uploadLocation(response)));
      }
      return MountAttempt.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return MountAttempt.FAILED;
    } catch (IOException | RuntimeException e) {
      return MountAttempt.FAILED; // the upload that follows is the real thing
    }
  }

  /**
   * POST, then one PUT streaming {@code content}; into {@code session} without the POST when one is
   * open already.
   */
  private void upload(
      String digest, long size, BlobContent content, LongConsumer progress, Optional<URI> session)
      throws IOException, InterruptedException {
    URI location = session.isPresent() ? session.get() : startUpload(digest);
    URI put =
        URI.create(
            location
                + (location.getRawQuery() == null ? "?" : "&")
                + "digest="
                + URLEncoder.encode(digest, StandardCharsets.UTF_8));
    Duration timeout = putTimeout(size);
    HttpResponse<byte[]> finished =
        exchange(
            "uploading blob " + digest,
            true,
            () ->
                HttpRequest.newBuilder(put)
                    .timeout(timeout)
                    .header("Content-Type", "application/octet-stream")
                    .PUT(
                        new StreamedBody(
                            () -> new ProgressStream(content.open(), progress), size)));
    expect(finished, 201, "Uploading blob " + digest);
  }

  /** Puts {@code bytes} under {@code tag} and returns the digest the registry stored them as. */
  public String putManifest(String tag, String mediaType, byte[] bytes) throws IOException {
    String digest = Sha256.digestOf(bytes);
    return retried(
        "Uploading the manifest for tag " + tag,
        () -> {
          HttpResponse<byte[]> response =
              exchange(
                  "tagging " + tag,
                  true,
                  () ->
                      request("manifests/" + tag)
                          .header("Content-Type", mediaType)
                          .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
          expect(response, 201, "Uploading the manifest for tag " + tag);
          String stored = response.headers().firstValue("Docker-Content-Digest").orElse(digest);
          if (!stored.equals(digest)) {
            throw new IOException(
                "ghcr.io stored the manifest for "
                    + repository.repositoryName()
                    + ":"
                    + tag
                    + " as "
                    + stored
                    + ", expected "
                    + digest);
          }
          return stored;
        });
  }

  /** How long a blob PUT of {@code size} bytes is given. */
  private static Duration putTimeout(long size) {
    return CALL_TIMEOUT.plusSeconds(Math.max(0, size) / MIN_BYTES_PER_SECOND);
  }

  private HttpResponse<byte[]> exchange(
      String operation, boolean write, Supplier<HttpRequest.Builder> request)
      throws IOException, InterruptedException {
    return exchange(operation, write, scope, request);
  }

  private HttpResponse<byte[]> exchange(
      String operation, boolean write, String scope, Supplier<HttpRequest.Builder> request)
      throws IOException, InterruptedException {
    return exchange(operation, write, scope, token -> send(request.get(), token));
  }

  /** One request sent with a given token. */
  @FunctionalInterface
  private interface Sender {
    HttpResponse<byte[]> send(String token) throws IOException, InterruptedException;
  }

  /**
   * Sends a request with the current token for {@code scope}; on a 401 with a bearer challenge,
   * once more with a fresh token (twice when the first renewal handed back another thread's token,
   * which may have aged meanwhile). A 401 or 403 that remains is a refusal, told apart by whether
   * it was a write.
   */
  private HttpResponse<byte[]> exchange(
      String operation, boolean write, String scope, Sender sender)
      throws IOException, InterruptedException {
    String token = tokens.token(scope);
    HttpResponse<byte[]> response = sender.send(token);
    // once with a fresh token; twice when the first was another thread's and aged meanwhile
    for (int renewals = 0; response.statusCode() == 401 && renewals < 2; renewals++) {
      Optional<Challenge> challenge =
          response
              .headers()
              .firstValue("WWW-Authenticate")
              .flatMap(Challenge::parse)
              .filter(Challenge::bearer);
      if (challenge.isEmpty()) {
        break;
      }
      GhcrTokens.Renewal renewal = tokens.renew(scope, token, challenge.get());
      token = renewal.token();
      response = sender.send(token);
      if (renewal.fetched()) {
        break;
      }
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      Optional<RegistryErrorBody> body = RegistryErrorBody.parse(response.body());
      throw write
          ? RegistryAccessException.writeDenied(repository, operation, status, body, credentials)
          : RegistryAccessException.accessDenied(repository, operation, status, body, credentials);
    }
    return response;
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request, String token)
      throws IOException, InterruptedException {
    signed(token, Map.of()).forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** {@code headers} with the two every registry call carries: the token and who is asking. */
  private Map<String, String> signed(String token, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Authorization", "Bearer " + token);
    all.put("User-Agent", calls.userAgent());
    all.putAll(headers);
    return all;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT);
  }

  /** Opens an upload session (one POST) and returns its address. */
  private URI startUpload(String digest) throws IOException, InterruptedException {
    HttpResponse<byte[]> started =
        exchange(
            "starting the upload of blob " + digest,
            true,
            () -> request("blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()));
    expect(started, 202, "Starting the upload of blob " + digest);
    return uploadLocation(started);
  }

  /** The upload session's address, which must stay on ghcr.io: the token is sent nowhere else. */
  private URI uploadLocation(HttpResponse<byte[]> response) throws IOException {
    String value =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new IOException(
                        "ghcr.io started a blob upload for "
                            + repository.repositoryName()
                            + " without saying where to send it (no Location header)"));
    URI location = base.resolve(value);
    if (!"https".equals(location.getScheme())
        || location.getHost() == null
        || !GhcrReference.REGISTRY.equals(location.getHost().toLowerCase(Locale.ROOT))
        || (location.getPort() != -1 && location.getPort() != 443)) {
      throw new PolicyViolationException(
          "ghcr.io asked for a blob of "
              + repository.repositoryName()
              + " to be sent to "
              + location.getScheme()
              + "://"
              + location.getHost()
              + "; blobs and tokens only go to https://ghcr.io.");
    }
    return location;
  }

  private static void expect(HttpResponse<byte[]> response, int status, String operation)
      throws RegistryResponseException {
    if (response.statusCode() != status) {
      throw new RegistryResponseException(
          operation,
          response.statusCode(),
          RegistryErrorBody.parse(response.body()),
          RetryClassifier.parseRetryAfter(
              response.headers().firstValue("Retry-After").orElse(null), Instant.now()));
    }
  }

  private <T> T retried(String operation, Callable<T> action) throws IOException {
    try {
      return calls
          .retry()
          .call(
              repository.repositoryName() + ": " + operation,
              action,
              RetryClassifier.DEFAULT,
              calls.warn(),
              calls.budget());
    } catch (RetryExhaustedException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(e.getMessage());
      }
      if (cause instanceof IOException io) {
        if (RetryClassifier.DEFAULT.classify(io).retryable()) {
          io.addSuppressed(new RetriesExhausted(e.getMessage()));
        }
        throw io;
      }
      throw new IOException(e.getMessage(), cause);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Releases nothing: the HTTP client is the run's ({@link RegistryCalls#http()}), shared with
   * every other repository's client, and its idle connections are what the next goal reuses. Kept
   * so that callers scope a client as before.
   */
  @Override
  public void close() {}

  /** Counts the bytes read from a blob's source, for the progress display. */
  private static final class ProgressStream extends java.io.FilterInputStream {
    private final LongConsumer progress;

    ProgressStream(InputStream in, LongConsumer progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        progress.accept(n);
      }
      return n;
    }
  }
}
