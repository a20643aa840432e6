package io.github.ghcrtools.publish.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TagsAheadTest {

  private static final String REPOSITORY = "ghcr.io/acme/api";
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  private final Map<String, CompletableFuture<Optional<String>>> run = new ConcurrentHashMap<>();
  private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

  private Optional<String> ownRequest(String tag) {
    asked.add(tag);
    return Optional.of("sha256:" + "f".repeat(64));
  }

  @Test
  void thePushTakesTheBuildsAnswerOnceAndAsksItselfAfterwards() throws IOException {
    TagsAhead build = new TagsAhead(run, "it.sample:api");
    build
        .expect(REPOSITORY, List.of("1.2.3", "latest"))
        .fetch(tag -> tag.equals("1.2.3") ? Optional.of(DIGEST) : Optional.empty());
    TagsAhead push = new TagsAhead(run, "it.sample:api");

    assertEquals(Optional.of(DIGEST), push.digestOf(REPOSITORY, "1.2.3", this::ownRequest));
    assertEquals(
        Optional.empty(),
        push.digestOf(REPOSITORY, "latest", this::ownRequest),
        "the build found no such tag");
    assertEquals(List.of(), asked, "no request of the push's own");

    push.digestOf(REPOSITORY, "1.2.3", this::ownRequest);
    assertEquals(List.of("1.2.3"), asked, "an answer is taken once: a second push asks again");
  }

  @Test
  void aPushThatComesFirstWaitsForTheBuildsRequestInsteadOfSendingItsOwn() throws Exception {
    TagsAhead.Pending pending =
        new TagsAhead(run, "it.sample:api").expect(REPOSITORY, List.of("1.2.3"));
    TagsAhead push = new TagsAhead(run, "it.sample:api");

    CompletableFuture<Optional<String>> taken =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return push.digestOf(REPOSITORY, "1.2.3", this::ownRequest);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(100);
    assertFalse(taken.isDone(), "the push waits for the build's answer");

    pending.fetch(tag -> Optional.of(DIGEST));

    assertEquals(Optional.of(DIGEST), taken.get(10, TimeUnit.SECONDS));
    assertEquals(List.of(), asked, "one request for the tag, the build's");
  }

  @Test
  void aFailedOrAbandonedAnswerMakesThePushAskItself() throws IOException {
    TagsAhead.Pending pending =
        new TagsAhead(run, "it.sample:api").expect(REPOSITORY, List.of("1.2.3", "1.2", "1"));
    pending.fetch(
        tag -> {
          if (tag.equals("1.2")) {
            throw new IOException("HTTP 503 from ghcr.io");
          }
          if (tag.equals("1")) {
            throw new IllegalStateException("the build's thread stopped here");
          }
          return Optional.of(DIGEST);
        });
    TagsAhead push = new TagsAhead(run, "it.sample:api");

    assertEquals(Optional.of(DIGEST), push.digestOf(REPOSITORY, "1.2.3", this::ownRequest));
    assertTrue(push.digestOf(REPOSITORY, "1.2", this::ownRequest).isPresent());
    assertTrue(push.digestOf(REPOSITORY, "1", this::ownRequest).isPresent());
    assertEquals(List.of("1.2", "1"), asked, "only the failed tags are asked again");
  }

  @Test
  void abandonFailsOnlyTheAnswersNotInYetSoNoPushWaitsForever() throws Exception {
    TagsAhead.Pending pending =
        new TagsAhead(run, "it.sample:api").expect(REPOSITORY, List.of("1.2.3", "latest"));
    run.get("it.sample:api " + REPOSITORY + ":1.2.3").complete(Optional.of(DIGEST));
    pending.abandon();
    TagsAhead push = new TagsAhead(run, "it.sample:api");

    assertEquals(Optional.of(DIGEST), push.digestOf(REPOSITORY, "1.2.3", this::ownRequest));
    assertTrue(push.digestOf(REPOSITORY, "latest", this::ownRequest).isPresent());
    assertEquals(List.of("latest"), asked);
  }

  @Test
  void aPushTakesOnlyItsOwnProjectsAndRepositorysAnswers() throws IOException {
    new TagsAhead(run, "it.sample:web")
        .expect(REPOSITORY, List.of("1.2.3"))
        .fetch(tag -> Optional.of(DIGEST));
    new TagsAhead(run, "it.sample:api")
        .expect("ghcr.io/acme/other", List.of("1.2.3"))
        .fetch(tag -> Optional.of(DIGEST));

    new TagsAhead(run, "it.sample:api").digestOf(REPOSITORY, "1.2.3", this::ownRequest);

    assertEquals(List.of("1.2.3"), asked);
    assertEquals(2, run.size(), "the other project's and repository's answers stay theirs");
  }

  @Test
  void outsideARunThePushAsksForEveryTag() throws IOException {
    TagsAhead.none().digestOf(REPOSITORY, "1.2.3", this::ownRequest);
    assertEquals(List.of("1.2.3"), asked);
  }
}
