package io.github.ghcrtools.publish.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.policy.PolicyViolationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagCalculatorTest {

  private static List<String> split(String tags) {
    return tags.isEmpty() ? List.of() : Arrays.asList(tags.split(" "));
  }

  @ParameterizedTest(name = "{0} sha={1} branch={2} -> immutable [{3}] moving [{4}]")
  @CsvSource(
      delimiter = ';',
      nullValues = "-",
      value = {
        "1.2.3;          abcdef1; -;            1.2.3 sha-abcdef1;  1.2 1 latest",
        "1.2.3;          -;       -;            1.2.3;              1.2 1 latest",
        "10.20.30;       abcdef1; main;         10.20.30 sha-abcdef1; 10.20 10 latest",
        "1.2.3-rc.1;     abcdef1; -;            1.2.3-rc.1 sha-abcdef1; ''",
        "2.0.0-alpha;    -;       -;            2.0.0-alpha;        ''",
        "1.2.3+build.5;  -;       -;            1.2.3_build.5;      1.2 1 latest",
        "1.2.3-SNAPSHOT; abcdef1; main;         sha-abcdef1;        main",
        "1.2.3-SNAPSHOT; abcdef1; feature/Foo;  sha-abcdef1;        feature-Foo",
        "1.2.3-SNAPSHOT; -;       -;            '';                 ''",
        "1.2;            abcdef1; -;            1.2 sha-abcdef1;    ''",
        "2024.05.1.Final; -;      -;            2024.05.1.Final;    ''",
      })
  void defaultTagsFollowMetadataActionSemver(
      String version, String sha, String branch, String immutable, String moving) {
    ImageTags tags =
        TagCalculator.compute(
            new TagInputs(
                version, Optional.ofNullable(sha), Optional.ofNullable(branch), List.of()));

    assertEquals(split(immutable), tags.immutable().stream().map(ImageTag::name).toList());
    assertEquals(split(moving), tags.moving().stream().map(ImageTag::name).toList());
  }

  @Test
  void immutableTagsComeFirstInPushOrder() {
    ImageTags tags =
        TagCalculator.compute(
            new TagInputs("3.1.4", Optional.of("0123abc"), Optional.empty(), List.of()));

    assertEquals(List.of("3.1.4", "sha-0123abc", "3.1", "3", "latest"), tags.names());
    assertEquals("3.1.4", tags.primary());
  }

  @Test
  void configuredTagsReplaceTheDefaultsAndAreClassified() {
    ImageTags tags =
        TagCalculator.compute(
            new TagInputs(
                "1.2.3",
                Optional.of("abcdef1"),
                Optional.of("main"),
                List.of("stable", "1.2.3", "edge", "sha-1234567")));

    assertEquals(List.of("1.2.3", "sha-1234567", "stable", "edge"), tags.names());
    assertEquals(List.of("stable", "edge"), tags.moving().stream().map(ImageTag::name).toList());
  }

  @Test
  void configuredDuplicatesAndBlanksAreDropped() {
    ImageTags tags =
        TagCalculator.compute(
            new TagInputs(
                "1.0.0", Optional.empty(), Optional.empty(), Arrays.asList("a", " ", null, "a")));

    assertEquals(List.of("a"), tags.names());
  }

  @ParameterizedTest
  @CsvSource({"bad tag", "-leading", "UPPER:colon", "a/b"})
  void malformedConfiguredTagIsRefusedNamingTheParameter(String tag) {
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class,
            () ->
                TagCalculator.compute(
                    new TagInputs("1.0.0", Optional.empty(), Optional.empty(), List.of(tag))));
    assertTrue(e.getMessage().contains("tags"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} with version {1} is {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "latest, 1.2.3, MOVING",
        "1.2, 1.2.3, MOVING",
        "1, 1.2.3, MOVING",
        "dev, 1.2.3, MOVING",
        "prod, -, MOVING",
        "main, 1.0-SNAPSHOT, MOVING",
        "1.0.0-SNAPSHOT, 1.0.0-SNAPSHOT, MOVING",
        "1.2.3, 1.2.3, IMMUTABLE",
        "1.2.3-rc.1, -, IMMUTABLE",
        "sha-abcdef1, -, IMMUTABLE",
        "2024.05, 2024.05, IMMUTABLE",
        "1.2.3_build.7, -, IMMUTABLE",
      })
  void classification(String tag, String version, TagKind expected) {
    assertEquals(expected, TagCalculator.classify(tag, version));
  }

  @Test
  void branchAndShaComeFromTheGitHubEnvironment() {
    TagInputs in =
        TagInputs.from(
            "1.0-SNAPSHOT",
            Optional.of("abcdef1"),
            Map.of("GITHUB_REF_TYPE", "branch", "GITHUB_REF_NAME", "release/2.x"),
            null);
    assertEquals(List.of("sha-abcdef1", "release-2.x"), TagCalculator.compute(in).names());

    TagInputs tagPush =
        TagInputs.from(
            "1.0-SNAPSHOT",
            Optional.empty(),
            Map.of("GITHUB_REF_TYPE", "tag", "GITHUB_REF_NAME", "v1"),
            null);
    assertTrue(TagCalculator.compute(tagPush).isEmpty());
  }
}
