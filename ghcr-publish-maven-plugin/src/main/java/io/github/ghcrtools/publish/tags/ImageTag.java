package io.github.ghcrtools.publish.tags;

import java.util.Objects;

/** One tag of an image, with the immutability rule that governs pushing it. */
public record ImageTag(String name, TagKind kind) {

  public ImageTag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

  public boolean immutable() {
    return kind == TagKind.IMMUTABLE;
  }

  @Override
  public String toString() {
    return name;
  }
}
