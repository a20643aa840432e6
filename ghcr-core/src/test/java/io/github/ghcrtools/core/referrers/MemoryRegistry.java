package io.github.ghcrtools.core.referrers;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.registry.FakeGhcr;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One repository in memory behind {@link FakeGhcr}, as distribution answers: blobs (HEAD, GET, POST
 * then PUT {@code ?digest=}), manifests by tag or digest with their media type.
 */
public final class MemoryRegistry {

  public final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  public final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  public final Map<String, String> mediaTypes = new ConcurrentHashMap<>();
  public final Map<String, String> tags = new ConcurrentHashMap<>();
  public final FakeGhcr http = new FakeGhcr(this::answer);

  /**
   * Other writers' manifests, each put right after our next write of its tag: read-modify-writes
   * (of a referrers index, of the channel metadata) that raced ours and dropped what we added.
   */
  private final Queue<Race> races = new ConcurrentLinkedQueue<>();

  private record Race(String trigger, String tag, String mediaType, byte[] bytes) {}

  /** Another writer puts {@code bytes} under {@code tag} right after our next write of it. */
  public void race(String tag, String mediaType, byte[] bytes) {
    afterWriteOf(tag, tag, mediaType, bytes);
  }

  /**
   * Another writer puts {@code bytes} under {@code tag} right after our next write of {@code
   * trigger}.
   */
  public void afterWriteOf(String trigger, String tag, String mediaType, byte[] bytes) {
    races.add(new Race(trigger, tag, mediaType, bytes));
  }

  public OciRegistry client() {
    RegistryCredentials credentials =
        new RegistryCredentials("octocat", Secret.of("ghp_secret123456"), "env GHCR_TOKEN");
    return OciRegistry.over(
        http,
        new GhcrReference("acme/api", null, null),
        credentials,
        OciRegistry.Access.PUSH,
        new RegistryCalls(
            "test",
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO),
            RetryBudget.unlimited(),
            w -> {}));
  }

  public void putManifest(String tag, String mediaType, byte[] bytes) {
    String digest = Sha256.digestOf(bytes);
    manifests.put(digest, bytes);
    mediaTypes.put(digest, mediaType);
    tags.put(tag, digest);
  }

  private FakeGhcr.Answer answer(FakeGhcr.Sent sent) {
    String path = sent.uri().getPath();
    if (path.equals("/token")) {
      return FakeGhcr.Answer.of(200).body("{\"token\":\"t\"}");
    }
    String reference = path.substring(path.lastIndexOf('/') + 1);
    if (path.contains("/blobs/uploads")) {
      if (sent.method().equals("POST")) {
        return FakeGhcr.Answer.of(202, "Location", "/v2/acme/api/blobs/uploads/session-1");
      }
      String query = sent.uri().getRawQuery();
      String digest =
          URLDecoder.decode(query.substring(query.indexOf("digest=") + 7), StandardCharsets.UTF_8);
      blobs.put(digest, sent.body());
      return FakeGhcr.Answer.of(201, "Docker-Content-Digest", digest);
    }
    if (path.contains("/blobs/")) {
      byte[] blob = blobs.get(reference);
      return blob == null
          ? FakeGhcr.Answer.of(404)
          : new FakeGhcr.Answer(200, Map.of("Docker-Content-Digest", reference), blob);
    }
    if (sent.method().equals("PUT")) {
      String digest = Sha256.digestOf(sent.body());
      manifests.put(digest, sent.body());
      mediaTypes.put(digest, contentType(sent.body()));
      if (!reference.startsWith("sha256:")) {
        tags.put(reference, digest);
        Race race = races.peek();
        if (race != null && race.trigger().equals(reference) && races.remove(race)) {
          putManifest(race.tag(), race.mediaType(), race.bytes());
        }
      }
      return FakeGhcr.Answer.of(201, "Docker-Content-Digest", digest);
    }
    String digest = reference.startsWith("sha256:") ? reference : tags.get(reference);
    byte[] bytes = digest == null ? null : manifests.get(digest);
    return bytes == null
        ? FakeGhcr.Answer.of(404)
        : new FakeGhcr.Answer(
            200,
            Map.of("Docker-Content-Digest", digest, "Content-Type", mediaTypes.get(digest)),
            bytes);
  }

  private static String contentType(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    int at = text.indexOf("\"mediaType\":\"");
    return text.substring(at + 13, text.indexOf('"', at + 13));
  }
}
