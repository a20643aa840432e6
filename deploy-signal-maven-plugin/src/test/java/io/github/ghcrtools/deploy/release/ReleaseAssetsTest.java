package io.github.ghcrtools.deploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseAssetsTest {

  @TempDir Path dir;

  @Test
  void sha256sumsListsEveryAssetAndTheLineageSortedInSha256sumFormat() throws Exception {
    Path source = Files.createDirectories(dir.resolve("build"));
    Files.writeString(source.resolve("b.tgz"), "chart");
    Files.writeString(source.resolve("sbom"), "");
    Path release = dir.resolve("release");

    List<String> names =
        ReleaseAssets.copy(
            release,
            List.of(
                new ReleaseAssets.Asset(source.resolve("b.tgz"), "pytoya-0.2.0.tgz"),
                new ReleaseAssets.Asset(source.resolve("sbom"), "image-api.cdx.json")));
    ReleaseAssets.write(release, names, "{}\n", "# notes\n");

    assertEquals(List.of("image-api.cdx.json", "pytoya-0.2.0.tgz"), names);
    List<String> lines = Files.readAllLines(release.resolve("SHA256SUMS"));
    assertEquals(
        List.of("image-api.cdx.json", "pytoya-0.2.0.tgz", "release.json"),
        lines.stream().map(l -> l.substring(66)).toList(),
        "sorted by name, notes.md left out");
    assertTrue(lines.stream().allMatch(l -> l.matches("[0-9a-f]{64}  \\S+")), lines.toString());
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  image-api.cdx.json",
        lines.get(0),
        "the SHA-256 of an empty file");
    assertEquals(
        java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest("chart".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            + "  pytoya-0.2.0.tgz",
        lines.get(1));
    assertEquals("# notes\n", Files.readString(release.resolve("notes.md")));
  }

  @Test
  void aNewRunRemovesTheFilesTheLastOneWroteAndNothingElse() throws Exception {
    Path release = Files.createDirectories(dir.resolve("release"));
    Path file = Files.writeString(dir.resolve("x"), "x");
    ReleaseAssets.write(
        release,
        ReleaseAssets.copy(release, List.of(new ReleaseAssets.Asset(file, "old.tgz"))),
        "{}",
        "n");
    Files.writeString(release.resolve("keep.txt"), "not ours");

    ReleaseAssets.copy(release, List.of(new ReleaseAssets.Asset(file, "new.tgz")));

    assertFalse(Files.exists(release.resolve("old.tgz")));
    assertFalse(Files.exists(release.resolve("SHA256SUMS")));
    assertTrue(Files.exists(release.resolve("new.tgz")));
    assertTrue(Files.exists(release.resolve("keep.txt")));
  }
}
