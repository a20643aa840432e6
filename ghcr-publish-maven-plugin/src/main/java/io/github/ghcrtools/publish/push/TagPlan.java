package io.github.ghcrtools.publish.push;

import io.github.ghcrtools.publish.tags.ImageTag;
import io.github.ghcrtools.publish.tags.ImageTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a push has to do, decided from the registry's answer for each tag before anything is
 * uploaded: tags already on this digest are left alone, an immutable tag on another digest is a
 * conflict, everything else is (re)pointed, immutable tags first.
 *
 * @param digest the digest being published
 * @param current tags that already point at {@code digest}
 * @param immutableToPush immutable tags not yet in the registry
 * @param movingToPush moving tags absent or pointing elsewhere
 * @param conflicts immutable tags pointing at another digest
 * @param remote the digest each existing tag points at now
 */
public record TagPlan(
    String digest,
    List<ImageTag> current,
    List<ImageTag> immutableToPush,
    List<ImageTag> movingToPush,
    List<TagConflict> conflicts,
    Map<String, String> remote) {

  public TagPlan {
    remote = Map.copyOf(remote);
    current = List.copyOf(current);
    immutableToPush = List.copyOf(immutableToPush);
    movingToPush = List.copyOf(movingToPush);
    conflicts = List.copyOf(conflicts);
  }

  /**
   * @param remote each tag's digest in the registry, empty when the tag does not exist
   */
  public static TagPlan of(String digest, ImageTags tags, Map<String, Optional<String>> remote) {
    List<ImageTag> current = new ArrayList<>();
    List<ImageTag> immutable = new ArrayList<>();
    List<ImageTag> moving = new ArrayList<>();
    List<TagConflict> conflicts = new ArrayList<>();
    Map<String, String> existing = new java.util.HashMap<>();
    for (ImageTag tag : tags.tags()) {
      Optional<String> there = remote.getOrDefault(tag.name(), Optional.empty());
      there.ifPresent(d -> existing.put(tag.name(), d));
      if (there.isPresent() && there.get().equals(digest)) {
        current.add(tag);
      } else if (tag.immutable()) {
        if (there.isPresent()) {
          conflicts.add(new TagConflict(tag.name(), there.get(), digest));
        } else {
          immutable.add(tag);
        }
      } else {
        moving.add(tag);
      }
    }
    return new TagPlan(digest, current, immutable, moving, conflicts, existing);
  }

  /** Every tag already points at the digest: nothing to upload, nothing to tag. */
  public boolean noop() {
    return conflicts.isEmpty() && immutableToPush.isEmpty() && movingToPush.isEmpty();
  }

  /** The registry already has the image under some tag, so only manifests need pushing. */
  public boolean imageInRegistry() {
    return !current.isEmpty();
  }

  /** The names of {@link #immutableToPush}. */
  public List<String> immutableNames() {
    return immutableToPush.stream().map(ImageTag::name).toList();
  }

  /**
   * Each moving tag to point at the digest, with the digest it points at now ("" when absent), as
   * the release's moving-tag guard takes them.
   */
  public Map<String, String> movingFromDigests() {
    Map<String, String> moving = new java.util.LinkedHashMap<>();
    movingToPush.forEach(tag -> moving.put(tag.name(), remote.getOrDefault(tag.name(), "")));
    return moving;
  }

  /** Tags to push, in push order. */
  public List<ImageTag> toPush() {
    List<ImageTag> all = new ArrayList<>(immutableToPush);
    all.addAll(movingToPush);
    return all;
  }

  /** An immutable tag that already names another image. */
  public record TagConflict(String tag, String registryDigest, String localDigest) {
    @Override
    public String toString() {
      return "tag '"
          + tag
          + "' already points to "
          + registryDigest
          + ", this build is "
          + localDigest;
    }
  }
}
