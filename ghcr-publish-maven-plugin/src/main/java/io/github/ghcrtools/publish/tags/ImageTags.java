package io.github.ghcrtools.publish.tags;

import io.github.ghcrtools.core.failure.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags one image is published under, immutable tags first: the push order matters because
 * moving tags may only follow once every immutable tag landed.
 */
public record ImageTags(List<ImageTag> tags) {

  public ImageTags {
    Map<String, ImageTag> unique = new LinkedHashMap<>();
    tags.stream().filter(ImageTag::immutable).forEach(t -> unique.putIfAbsent(t.name(), t));
    tags.stream().filter(t -> !t.immutable()).forEach(t -> unique.putIfAbsent(t.name(), t));
    tags = List.copyOf(unique.values());
  }

  public static ImageTags of(ImageTag... tags) {
    return new ImageTags(List.of(tags));
  }

  public List<String> names() {
    return tags.stream().map(ImageTag::name).toList();
  }

  public List<ImageTag> immutable() {
    return tags.stream().filter(ImageTag::immutable).toList();
  }

  public List<ImageTag> moving() {
    return tags.stream().filter(t -> !t.immutable()).toList();
  }

  public boolean isEmpty() {
    return tags.isEmpty();
  }

  /**
   * These tags, when there is one at least.
   *
   * @throws UserError when there is none: a SNAPSHOT built without commit nor branch
   */
  public ImageTags required(String repository, String version) {
    if (tags.isEmpty()) {
      throw new UserError(
          "No tags to push for "
              + repository
              + ": version "
              + version
              + " is a SNAPSHOT and neither GITHUB_SHA nor a branch is known; set <tags> (-Dghcr.tags=...).",
          TagCalculator.PARAMETER,
          null);
    }
    return this;
  }

  /** The tag used in the immutable reference {@code repo:<tag>@sha256:...}: the first one. */
  public String primary() {
    if (tags.isEmpty()) {
      throw new IllegalStateException("no tags");
    }
    return tags.get(0).name();
  }

  public ImageTags plus(List<ImageTag> more) {
    List<ImageTag> all = new ArrayList<>(tags);
    all.addAll(more);
    return new ImageTags(all);
  }

  @Override
  public String toString() {
    return String.join(", ", names());
  }
}
