package io.github.ghcrtools.deploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.referrers.Referrer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseNotesTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private static Commit commit(String id, String author, String message) {
    return new Commit(id.repeat(40 / id.length()), author, message);
  }

  private static ReleaseContent release(
      String version, Changes changes, ReleaseArtifact... artifacts) {
    return new ReleaseContent("pytoya", version, changes, List.of(artifacts), null, null, null);
  }

  /** Chart pytoya 0.2.0 as pushed. */
  private static PublishRecord chart() {
    return PublishRecord.of(
        ArtifactKind.CHART,
        "pytoya",
        "ghcr.io/acme/charts/pytoya",
        DIGEST,
        List.of("0.2.0"),
        "0.2.0",
        null,
        null);
  }

  private static Changes since(String tag, Commit... commits) {
    return new Changes(
        Optional.of(VersionTag.read(tag, "v").orElseThrow()), List.of(commits), 0, null);
  }

  @Test
  void conventionalCommitsAreGroupedBreakingChangesFirst() {
    Changes changes =
        since(
            "v0.1.0",
            commit("a1", "Alice", "fix(api): handle empty body"),
            commit("b2", "Bob", "feat: add /health"),
            commit("c3", "Alice", "refactor!: rename the chart values"),
            commit("d4", "Bob", "Update README"),
            commit("e5", "Alice", "feat(web): dark mode\n\nBREAKING CHANGE: new CSS"));

    String md = ReleaseNotes.markdown(release("0.2.0", changes));

    assertTrue(md.startsWith("# pytoya 0\\.2\\.0\n".replace("\\.", ".")), md);
    assertTrue(md.contains("## Changes since v0.1.0\n"), md);
    List<String> headings = md.lines().filter(l -> l.startsWith("### ")).toList();
    assertEquals(
        List.of(
            "### Breaking changes",
            "### Features",
            "### Bug fixes",
            "### Other changes",
            "### Contributors"),
        headings);
    String breaking = section(md, "### Breaking changes");
    assertTrue(breaking.contains("- `c3c3c3c` rename the chart values\n"), breaking);
    assertTrue(breaking.contains("- `e5e5e5e` **web:** dark mode\n"), breaking);
    assertTrue(section(md, "### Bug fixes").contains("- `a1a1a1a` **api:** handle empty body\n"));
    assertTrue(section(md, "### Other changes").contains("- `d4d4d4d` Update README\n"));
    assertEquals(
        "- Alice (3 commits)\n- Bob (2 commits)\n", section(md, "### Contributors").strip() + "\n");
  }

  @Test
  void messagesThatAreNotConventionalMakeAPlainList() {
    String md =
        ReleaseNotes.markdown(
            release(
                "0.1.0",
                new Changes(
                    Optional.empty(),
                    List.of(commit("a1", "Zoe", "Second"), commit("b2", "Al", "First")),
                    0,
                    null)));

    assertTrue(md.contains("## Changes\n\n- `a1a1a1a` Second\n- `b2b2b2b` First\n\n"), md);
    assertTrue(md.contains("- Al (1 commit)\n- Zoe (1 commit)\n"), md);
    assertFalse(md.contains("### Features"), md);
  }

  @Test
  void componentPrefixesAreNoConventionalHistoryAndKeepTheirPrefix() {
    Changes changes =
        since(
            "v0.1.0",
            commit("a1", "Alice", "README: the release section"),
            commit("b2", "Bob", "ci: pin the actions"),
            commit("c3", "Alice", "Bench: a two-platform row"));

    String md = ReleaseNotes.markdown(release("0.2.0", changes));

    assertFalse(md.contains("### " + "CI"), md);
    assertTrue(md.contains("- `a1a1a1a` README: the release section\n"), md);
    assertTrue(md.contains("- `c3c3c3c` Bench: a two-platform row\n"), md);
  }

  @Test
  void anUnknownTypeInAConventionalHistoryKeepsItsWholeSubject() {
    Changes changes =
        since("v0.1.0", commit("a1", "Alice", "feat: one"), commit("b2", "Bob", "wip: two"));

    String md = ReleaseNotes.markdown(release("0.2.0", changes));

    assertTrue(section(md, "### Other changes").contains("- `b2b2b2b` wip: two\n"), md);
  }

  @Test
  void commitTextIsEscapedSoItCannotFormatLinkOrInjectHtml() {
    String md =
        ReleaseNotes.markdown(
            release(
                "0.2.0",
                since(
                    "v0.1.0",
                    commit(
                        "a1",
                        "Mallory <m@x>",
                        "Add *bold* [link](http://x) <script> `code` | pipe_name &amp; self-hosted"))));

    assertTrue(
        md.contains(
            "- `a1a1a1a` Add \\*bold\\* \\[link\\](http://x) \\<script\\> \\`code\\` \\| pipe\\_name"
                + " \\&amp; self-hosted\n"),
        md);
    assertTrue(md.contains("- Mallory \\<m@x\\> (1 commit)"), md);
  }

  @Test
  void theArtifactTableGivesReferencePlatformsSizeAndChange() {
    PublishRecord api =
        PublishRecord.of(
            ArtifactKind.IMAGE,
            "api",
            "ghcr.io/acme/pytoya/api",
            DIGEST,
            List.of("0.2.0", "latest"),
            "0.2.0",
            null,
            null);
    PublishRecord chart = chart();
    ReleaseContent release =
        release(
            "0.2.0",
            since("v0.1.0"),
            new ReleaseArtifact(
                api,
                new ArtifactSize(
                    List.of(
                        new PlatformSize("linux/amd64", 3 * 1024 * 1024),
                        new PlatformSize("linux/arm64", 1536)),
                    3 * 1024 * 1024,
                    "linux/amd64"),
                Optional.of(new ArtifactSize(List.of(), 2 * 1024 * 1024, "linux/amd64"))),
            new ReleaseArtifact(chart, new ArtifactSize(List.of(), 900, null), Optional.empty()));

    String md = ReleaseNotes.markdown(release);

    assertTrue(
        md.contains(
            "| Artifact | Reference | Platforms | Compressed size | Change since 0\\.2\\.0 |"
                .replace("0\\.2\\.0", "0.1.0")),
        md);
    assertTrue(
        md.contains(
            "| image api | `ghcr.io/acme/pytoya/api:0.2.0@"
                + DIGEST
                + "` | linux/amd64 (3.0 MiB), linux/arm64 (1.5 KiB) | 3.0 MiB (linux/amd64) |"
                + " +1.0 MiB (+1048576 bytes) |\n"),
        md);
    assertTrue(
        md.contains(
            "| chart pytoya | `ghcr.io/acme/charts/pytoya:0.2.0@"
                + DIGEST
                + "` | — | 900 B | new |"),
        md);
    assertTrue(
        md.contains(
            "```sh\ndocker pull ghcr.io/acme/pytoya/api:0.2.0@"
                + DIGEST
                + "\nhelm install pytoya oci://ghcr.io/acme/charts/pytoya --version 0.2.0\n```\n"),
        md);
  }

  @Test
  void signedImagesAndChartsGetTheirVerifyCommandsAfterTheInstallOnes() {
    PublishRecord api =
        PublishRecord.of(
            ArtifactKind.IMAGE,
            "api",
            "ghcr.io/acme/pytoya/api",
            DIGEST,
            List.of("0.2.0"),
            "0.2.0",
            null,
            null);
    PublishRecord chart =
        chart()
            .withSupplyChain(
                null,
                List.of(
                    new PublishRecord.Attached(
                        Referrer.SIGSTORE_BUNDLE, "sha256:" + "cd".repeat(32))));
    ArtifactSize size = new ArtifactSize(List.of(), 900, null);
    List<ReleaseArtifact> artifacts =
        List.of(
            new ReleaseArtifact(api, size, Optional.empty()),
            new ReleaseArtifact(chart, size, Optional.empty()));
    Changes none = new Changes(Optional.empty(), List.of(), 0, null);

    String md =
        ReleaseNotes.markdown(
            new ReleaseContent("pytoya", "0.2.0", none, artifacts, null, null, "acme/pytoya"));

    assertTrue(
        md.endsWith(
            "--version 0.2.0\n```\n\n## Verify\n\nSigned with Sigstore (keyless) by a GitHub"
                + " Actions workflow of `acme/pytoya`; check an image or chart before you deploy"
                + " it:\n\n```sh\n"
                + "cosign verify ghcr.io/acme/charts/pytoya@"
                + DIGEST
                + " --certificate-identity-regexp"
                + " '^https://github\\.com/acme/pytoya/\\.github/workflows/'"
                + " --certificate-oidc-issuer https://token.actions.githubusercontent.com\n"
                + "gh attestation verify oci://ghcr.io/acme/charts/pytoya@"
                + DIGEST
                + " --repo acme/pytoya --bundle-from-oci\n```\n"),
        md);
    assertFalse(
        ReleaseNotes.markdown(
                new ReleaseContent("pytoya", "0.2.0", none, artifacts, null, null, null))
            .contains("## Verify"),
        "no signer identity to check without GITHUB_REPOSITORY");
  }

  @Test
  void sizesAndChangesAreFormattedWithTheirExactBytes() {
    assertEquals("512 B", Markdown.size(512));
    assertEquals("1.0 KiB", Markdown.size(1024));
    assertEquals("11.8 MiB", Markdown.size(12_345_678));
    assertEquals("+1.2 KiB (+1234 bytes)", Markdown.change(1234));
    assertEquals("-100 B (-100 bytes)", Markdown.change(-100));
    assertEquals("no change", Markdown.change(0));
  }

  @Test
  void aPreReleaseSaysSoAndNoGitIsAClearLine() {
    String md =
        ReleaseNotes.markdown(
            release(
                "1.0.0-rc.1", Changes.none("No git repository at /x or above it: no change log.")));

    assertTrue(md.contains("a **pre-release**"), md);
    assertTrue(md.contains("No git repository at /x or above it: no change log."), md);
    assertTrue(md.contains("This build published no image or chart."), md);
    assertEquals(Map.of(), ReleaseNotes.contributors(List.of()), "no contributors without commits");
  }

  private static String section(String md, String heading) {
    int start = md.indexOf(heading + "\n");
    int end = md.indexOf("\n#", start + heading.length());
    return md.substring(start + heading.length() + 1, end < 0 ? md.length() : end);
  }
}
