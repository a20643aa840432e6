package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.registry.OciRegistry.BlobCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory registry repository that keeps what a real one keeps (blobs by digest, tags to
 * manifest digests) and an ordered list of the calls made, so tests assert on what was uploaded and
 * in which order (the two blobs of a version go side by side, in either order). Like the real
 * client, it sends a blob without looking when told {@link BlobCheck#ON_RETRY}. It also opens
 * itself, counting how often the pusher asked for a client.
 */
final class FakeRegistry implements ChartRegistry, ChartRegistry.Factory {

  // the pusher sends the two blobs from two threads
  final Set<String> blobs = java.util.concurrent.ConcurrentHashMap.newKeySet();
  final Map<String, String> tags = new HashMap<>();
  final Map<String, String> manifests = new HashMap<>();
  final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

  /**
   * Blobs another repository of the run holds: mounted instead of sent, as the real client does.
   */
  final Set<String> mountable = java.util.concurrent.ConcurrentHashMap.newKeySet();

  final Set<String> mounted = java.util.concurrent.ConcurrentHashMap.newKeySet();
  final List<GhcrReference> opened = new ArrayList<>();
  final List<RegistryCredentials> credentials = new ArrayList<>();
  int closed;

  @Override
  public ChartRegistry open(
      GhcrReference repository, RegistryCredentials credentials, PushLog log) {
    opened.add(repository);
    this.credentials.add(credentials);
    return this;
  }

  @Override
  public Optional<String> manifestDigest(String tag) {
    calls.add("manifestDigest " + tag);
    return Optional.ofNullable(tags.get(tag));
  }

  @Override
  public boolean ensureBlob(HelmManifest.Blob blob, BlobCheck check) {
    if (check == BlobCheck.FIRST && blobs.contains(blob.digest())) {
      calls.add("blobPresent " + blob.digest());
      return false;
    }
    if (mountable.contains(blob.digest())) {
      // as OciRegistry.ensureBlob: a mount is no upload
      calls.add("mountBlob " + blob.digest());
      mounted.add(blob.digest());
      blobs.add(blob.digest());
      return false;
    }
    calls.add("pushBlob " + blob.digest());
    blobs.add(blob.digest());
    return true;
  }

  @Override
  public boolean mounted(String digest) {
    return mounted.contains(digest);
  }

  @Override
  public void uploadReferrerBlobs(
      java.util.List<io.github.ghcrtools.core.referrers.Referrer> list) {
    if (!list.isEmpty()) {
      calls.add("referrerBlobs " + list.size());
    }
  }

  /**
   * What the release does with a prepared chart: looks at each tag still to push again, then puts
   * the manifest under it. A tag that points elsewhere stops it, unless it is still the digest the
   * chart replaces on purpose.
   */
  void release(io.github.ghcrtools.core.release.PreparedArtifact artifact) {
    for (String tag : artifact.immutableToPush()) {
      String current = tags.get(tag);
      if (current != null && !current.equals(artifact.replacing().get(tag))) {
        throw new IllegalStateException("tag " + tag + " was written since the check: " + current);
      }
    }
    for (String tag : artifact.immutableToPush()) {
      calls.add("pushManifest " + tag);
      String json = new String(artifact.manifestBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!json.contains("\"digest\"") || blobs.stream().noneMatch(json::contains)) {
        throw new AssertionError("manifest pushed before its blobs: " + calls);
      }
      manifests.put(artifact.digest(), json);
      tags.put(tag, artifact.digest());
    }
  }

  /** Calls that changed the registry. */
  List<String> uploads() {
    return calls.stream().filter(c -> c.startsWith("push")).toList();
  }

  @Override
  public void close() {
    closed++;
  }
}
