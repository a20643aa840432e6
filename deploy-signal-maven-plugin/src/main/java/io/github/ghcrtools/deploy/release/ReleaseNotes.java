package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.record.ArtifactKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The release notes people read on the GitHub Release page: the version, the changes grouped by
 * Conventional Commit type (when the messages follow it) with the contributors, a table of every
 * artifact with its size and the change since the previous release, the commands to pull and
 * install it, and those that check its signature.
 */
public final class ReleaseNotes {

  /** Section headings, in the order the notes list them; other types go to "Other changes". */
  private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

  static {
    SECTIONS.put("feat", "Features");
    SECTIONS.put("fix", "Bug fixes");
    SECTIONS.put("perf", "Performance");
    SECTIONS.put("refactor", "Refactoring");
    SECTIONS.put("revert", "Reverts");
    SECTIONS.put("docs", "Documentation");
    SECTIONS.put("style", "Style");
    SECTIONS.put("test", "Tests");
    SECTIONS.put("build", "Build");
    SECTIONS.put("ci", "CI");
    SECTIONS.put("chore", "Chores");
  }

  private static final String BREAKING = "Breaking changes";
  private static final String OTHER = "Other changes";

  private ReleaseNotes() {}

  public static String markdown(ReleaseContent release) {
    StringBuilder md = new StringBuilder();
    md.append("# ")
        .append(Markdown.text(release.name()))
        .append(' ')
        .append(Markdown.text(release.version()))
        .append("\n\n");
    md.append(
        release.prerelease()
            ? "Version " + Markdown.code(release.version()) + ", a **pre-release**."
            : "Version " + Markdown.code(release.version()) + ", a release.");
    if (release.revision() != null) {
      md.append(" Built from commit ").append(Markdown.code(release.revision()));
      md.append(
          release.runUrl() != null ? " by [this workflow run](" + release.runUrl() + ")" : "");
      md.append('.');
    }
    md.append("\n\n");
    changes(md, release.changes());
    artifacts(md, release);
    commands(md, release);
    return md.toString();
  }

  private static void changes(StringBuilder md, Changes changes) {
    md.append(
        changes
            .previous()
            .map(tag -> "## Changes since " + Markdown.text(tag.name()) + "\n\n")
            .orElse("## Changes\n\n"));
    if (changes.note() != null) {
      md.append(Markdown.text(changes.note())).append("\n\n");
      return;
    }
    if (changes.commits().isEmpty()) {
      md.append("No commits since the previous release.\n\n");
      return;
    }
    Map<String, List<Commit>> groups = groups(changes.commits());
    if (groups == null) {
      changes.commits().forEach(c -> line(md, c, Markdown.text(c.subject())));
      md.append('\n');
    } else {
      groups.forEach(
          (heading, commits) -> {
            md.append("### ").append(heading).append("\n\n");
            commits.forEach(c -> line(md, c, conventionalLine(c)));
            md.append('\n');
          });
    }
    if (changes.omitted() > 0) {
      md.append("… and ").append(changes.omitted()).append(" earlier commits (see `git log`).\n\n");
    }
    md.append("### Contributors\n\n");
    contributors(changes.commits())
        .forEach(
            (author, count) ->
                md.append("- ")
                    .append(Markdown.text(author))
                    .append(" (")
                    .append(count)
                    .append(count == 1 ? " commit" : " commits")
                    .append(")\n"));
    md.append('\n');
  }

  /**
   * The commits by section, breaking changes first; null when fewer than half the messages follow
   * Conventional Commits with a known type (the notes then list them plainly: a history of {@code
   * Component: subject} lines is no Conventional Commit history, though it parses as one).
   */
  static Map<String, List<Commit>> groups(List<Commit> commits) {
    long known = commits.stream().filter(c -> typed(c).isPresent()).count();
    if (known == 0 || known * 2 < commits.size()) {
      return null;
    }
    Map<String, List<Commit>> bySection = new LinkedHashMap<>();
    bySection.put(BREAKING, new ArrayList<>());
    SECTIONS.values().forEach(heading -> bySection.put(heading, new ArrayList<>()));
    bySection.put(OTHER, new ArrayList<>());
    for (Commit commit : commits) {
      Optional<ConventionalCommit> cc = typed(commit);
      String section =
          cc.isEmpty() ? OTHER : cc.get().breaking() ? BREAKING : SECTIONS.get(cc.get().type());
      bySection.get(section).add(commit);
    }
    bySection.values().removeIf(List::isEmpty);
    return bySection;
  }

  /** The commit as a Conventional Commit of a type the notes have a section for. */
  private static Optional<ConventionalCommit> typed(Commit commit) {
    return commit.conventional().filter(cc -> SECTIONS.containsKey(cc.type()));
  }

  /** Unique author names, sorted, with their commit counts. */
  static Map<String, Long> contributors(List<Commit> commits) {
    return commits.stream()
        .collect(Collectors.groupingBy(Commit::author, TreeMap::new, Collectors.counting()));
  }

  /** The subject without its type, with its scope in bold; the whole subject for other commits. */
  private static String conventionalLine(Commit commit) {
    return typed(commit)
        .map(
            cc ->
                (cc.scope() == null ? "" : "**" + Markdown.text(cc.scope()) + ":** ")
                    + Markdown.text(cc.subject()))
        .orElse(Markdown.text(commit.subject()));
  }

  /** One commit: its short hash, then {@code markdown}, already escaped. */
  private static void line(StringBuilder md, Commit commit, String markdown) {
    md.append("- ")
        .append(Markdown.code(commit.shortId()))
        .append(' ')
        .append(markdown)
        .append('\n');
  }

  private static void artifacts(StringBuilder md, ReleaseContent release) {
    md.append("## Artifacts\n\n");
    if (release.artifacts().isEmpty()) {
      md.append("This build published no image or chart.\n\n");
      return;
    }
    String since = release.previousVersion().map(v -> "Change since " + v).orElse("Change");
    md.append("| Artifact | Reference | Platforms | Compressed size | ")
        .append(Markdown.text(since))
        .append(" |\n| --- | --- | --- | --- | --- |\n");
    for (List<String> row : rows(release, Markdown::text)) {
      md.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    md.append('\n')
        .append(
            "Sizes are compressed, config plus layers, as a pull downloads them; a multi-platform"
                + " image gives each platform's size, and its size and change are those of the"
                + " platform named.\n\n");
  }

  /**
   * The artifact table's cells, shared with the step summary.
   *
   * @param text how a name is made Markdown ({@link Markdown#text} for the notes; the step summary
   *     escapes its cells itself)
   */
  static List<List<String>> rows(ReleaseContent release, UnaryOperator<String> text) {
    List<List<String>> rows = new ArrayList<>();
    for (ReleaseArtifact artifact : release.artifacts()) {
      ArtifactSize size = artifact.size();
      String platforms =
          artifact.record().kind() != ArtifactKind.IMAGE
              ? "—"
              : !size.known()
                  ? "unknown"
                  : size.platforms().stream()
                      .map(
                          p ->
                              size.platforms().size() == 1
                                  ? p.platform()
                                  : p.platform() + " (" + Markdown.size(p.size()) + ")")
                      .collect(Collectors.joining(", "));
      String total =
          !size.known()
              ? "unknown"
              : Markdown.size(size.size())
                  + (size.basis() == null ? "" : " (" + size.basis() + ")");
      String change =
          artifact.change().isPresent()
              ? Markdown.change(artifact.change().getAsLong())
              : artifact.previousUnread()
                  ? "unknown"
                  : release.previousVersion().isPresent() ? "new" : "—";
      rows.add(
          List.of(
              text.apply(artifact.record().kind().value() + " " + artifact.record().name()),
              Markdown.code(artifact.record().immutableReference()),
              platforms,
              total,
              change));
    }
    return rows;
  }

  private static void commands(StringBuilder md, ReleaseContent release) {
    List<ArtifactCommands.Command> commands = commands(release);
    if (commands.isEmpty()) {
      return;
    }
    md.append("## Install\n\n```sh\n");
    commands.forEach(c -> md.append(c.line()).append('\n'));
    md.append("```\n");
    List<ArtifactCommands.Command> verify = verifyCommands(release);
    if (verify.isEmpty()) {
      return;
    }
    md.append("\n## Verify\n\n").append(verifyIntro(release)).append("\n\n```sh\n");
    verify.forEach(c -> md.append(c.line()).append('\n'));
    md.append("```\n");
  }

  static List<ArtifactCommands.Command> commands(ReleaseContent release) {
    return release.artifacts().stream()
        .flatMap(a -> ArtifactCommands.of(a.record()).stream())
        .toList();
  }

  /** The signature checks of every signed image and chart, shared with the step summary. */
  static List<ArtifactCommands.Command> verifyCommands(ReleaseContent release) {
    return release.artifacts().stream()
        .flatMap(a -> ArtifactCommands.verify(a.record(), release.githubRepository()).stream())
        .toList();
  }

  /** What the verify commands check, one Markdown sentence above them. */
  static String verifyIntro(ReleaseContent release) {
    return "Signed with Sigstore (keyless) by a GitHub Actions workflow of "
        + Markdown.code(release.githubRepository())
        + "; check an image or chart before you deploy it:";
  }
}
