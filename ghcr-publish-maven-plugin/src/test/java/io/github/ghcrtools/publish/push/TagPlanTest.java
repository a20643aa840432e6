package io.github.ghcrtools.publish.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.publish.tags.ImageTag;
import io.github.ghcrtools.publish.testing.TestProjects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagPlanTest {

  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  private static Map<String, Optional<String>> remote(String... tagDigest) {
    Map<String, Optional<String>> m = new HashMap<>();
    for (int i = 0; i < tagDigest.length; i += 2) {
      m.put(tagDigest[i], Optional.of(tagDigest[i + 1]));
    }
    return m;
  }

  private static List<String> names(List<ImageTag> tags) {
    return tags.stream().map(ImageTag::name).toList();
  }

  @Test
  void aFreshRepositoryPushesImmutableTagsFirst() {
    TagPlan plan = TagPlan.of(A, TestProjects.releaseTags(), remote());
    assertEquals(List.of("1.2.3", "sha-abcdef1", "1.2", "1", "latest"), names(plan.toPush()));
    assertFalse(plan.imageInRegistry());
    assertFalse(plan.noop());
  }

  @Test
  void everyTagOnTheDigestIsANoop() {
    TagPlan plan =
        TagPlan.of(
            A,
            TestProjects.releaseTags(),
            remote("1.2.3", A, "1.2", A, "1", A, "latest", A, "sha-abcdef1", A));
    assertTrue(plan.noop());
    assertEquals(5, plan.current().size());
  }

  @Test
  void movingTagsElsewhereAreMovedImmutableOnesConflict() {
    TagPlan plan =
        TagPlan.of(A, TestProjects.releaseTags(), remote("latest", B, "1.2", B, "1.2.3", B));
    assertEquals(List.of("1.2", "1", "latest"), names(plan.movingToPush()));
    assertEquals(1, plan.conflicts().size());
    assertEquals(
        "tag '1.2.3' already points to " + B + ", this build is " + A,
        plan.conflicts().get(0).toString());
  }

  @Test
  void aPartlyTaggedImageOnlyNeedsTheMissingTags() {
    TagPlan plan =
        TagPlan.of(
            A, TestProjects.releaseTags(), remote("1.2.3", A, "sha-abcdef1", A, "latest", B));
    assertTrue(plan.imageInRegistry());
    assertEquals(List.of("1.2", "1", "latest"), names(plan.toPush()));
    assertTrue(plan.conflicts().isEmpty());
  }
}
