package io.github.ghcrtools.publish.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.publish.repository.ImageTarget;
import io.github.ghcrtools.publish.testing.TestProjects;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BuildInputsTest {

  private static ContainerSpec spec(BaseImage base, String user, List<ImagePlatform> platforms) {
    return TestProjects.spec(
        base, Map.of("org.opencontainers.image.version", "1.0.0"), platforms, user);
  }

  @Test
  void aRecordIsDescribedByEveryComponentWithItsStringsQuoted() {
    ContainerSpec spec =
        spec(
            new BaseImage.Registry("ghcr.io/acme/base@sha256:" + "a".repeat(64), "ghcr.io", true),
            "1000",
            List.of());

    assertEquals(
        "ContainerSpec[baseImage=Registry[reference=\"ghcr.io/acme/base@sha256:"
            + "a".repeat(64)
            + "\", registry=\"ghcr.io\", ghcr=true], mainClass=\"com.example.Main\","
            + " jvmFlags=[\"-Xmx64m\"], args=[\"--serve\"], environment={\"MODE\"=\"test\"},"
            + " ports=[\"8080\"], user=\"1000\", workingDirectory=null, appRoot=\"/app\","
            + " labels={\"org.opencontainers.image.version\"=\"1.0.0\"},"
            + " creationTime=2026-01-01T00:00:00Z, platforms=[]]",
        BuildInputs.describe(spec));
  }

  @Test
  void nestedRecordsAreDescribedByTheirComponentsNotByAHandWrittenToString() {
    GhcrReference repository = new GhcrReference("acme/api", null, null);
    ImagePlatform platform = new ImagePlatform("linux", "arm64", "v8");

    assertEquals(
        "ImageTarget[repository=GhcrReference[repository=\"acme/api\", tag=null, digest=null],"
            + " name=\"api\"]",
        BuildInputs.describe(new ImageTarget(repository, "api")));
    assertEquals(
        "ImagePlatform[os=\"linux\", architecture=\"arm64\", variant=\"v8\"]",
        BuildInputs.describe(platform));
  }

  @Test
  void aChangeDeepInsideTheSpecChangesItsText() {
    List<ImagePlatform> arm = List.of(new ImagePlatform("linux", "arm64", "v8"));
    List<ImagePlatform> armV7 = List.of(new ImagePlatform("linux", "arm64", "v7"));

    assertNotEquals(
        BuildInputs.describe(spec(new BaseImage.Scratch(), null, arm)),
        BuildInputs.describe(spec(new BaseImage.Scratch(), null, armV7)));
    assertNotEquals(
        BuildInputs.describe(spec(new BaseImage.Scratch(), null, arm)),
        BuildInputs.describe(spec(new BaseImage.Scratch(), "1000", arm)));
  }

  @Test
  void oneFlagWithACommaIsNotTwoFlags() {
    assertNotEquals(
        BuildInputs.describe(List.of("-Da, -Db")), BuildInputs.describe(List.of("-Da", "-Db")));
    assertNotEquals(
        BuildInputs.describe(Map.of("K", "a=b")), BuildInputs.describe(Map.of("K=a", "b")));
    assertEquals("[\"say \\\"hi\\\" \\\\o/\"]", BuildInputs.describe(List.of("say \"hi\" \\o/")));
  }

  @Test
  void aMapOrSetOfNoFixedOrderIsSortedAndAnOrderedOneIsNot() {
    Map<String, String> hashed = new HashMap<>();
    Map<String, String> linked = new LinkedHashMap<>();
    for (String key : List.of("zeta", "alpha", "mid")) {
      hashed.put(key, key.toUpperCase(Locale.ROOT));
      linked.put(key, key.toUpperCase(Locale.ROOT));
    }

    assertEquals(
        "{\"alpha\"=\"ALPHA\", \"mid\"=\"MID\", \"zeta\"=\"ZETA\"}", BuildInputs.describe(hashed));
    assertEquals(
        "{\"zeta\"=\"ZETA\", \"alpha\"=\"ALPHA\", \"mid\"=\"MID\"}", BuildInputs.describe(linked));
    assertEquals("[\"a\", \"b\"]", BuildInputs.describe(new HashSet<>(List.of("b", "a"))));
    assertEquals("[\"b\", \"a\"]", BuildInputs.describe(List.of("b", "a")));
    assertEquals("[1, 2]", BuildInputs.describe(new int[] {1, 2}));
  }

  @Test
  void optionalsAndNullsAreDescribedTheirOwnWay() {
    Map<String, Object> map = new TreeMap<>();
    map.put("a", List.of(new BaseImage.Scratch()));
    map.put("b", null);

    assertEquals("Optional.empty", BuildInputs.describe(Optional.empty()));
    assertEquals("Optional[Scratch[]]", BuildInputs.describe(Optional.of(new BaseImage.Scratch())));
    assertEquals("{\"a\"=[Scratch[]], \"b\"=null}", BuildInputs.describe(map));
  }
}
