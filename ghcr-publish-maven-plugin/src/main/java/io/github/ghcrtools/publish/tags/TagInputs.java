package io.github.ghcrtools.publish.tags;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What tag computation looks at: the project version, the commit (as {@code sha-<7>}), the branch
 * being built, and the user's own list which, when given, replaces the defaults.
 *
 * @param version project version
 * @param shortSha seven hex characters of the commit, from {@code GITHUB_SHA}
 * @param branch the branch name when the build runs for a branch ({@code GITHUB_REF_TYPE=branch})
 * @param configured the {@code tags} parameter; empty means "use the defaults"
 */
public record TagInputs(
    String version, Optional<String> shortSha, Optional<String> branch, List<String> configured) {

  public TagInputs {
    shortSha = shortSha == null ? Optional.empty() : shortSha;
    branch = branch == null ? Optional.empty() : branch;
    configured =
        configured == null
            ? List.of()
            : configured.stream()
                .filter(t -> t != null && !t.isBlank())
                .map(String::strip)
                .toList();
  }

  /** Reads commit and branch from the GitHub Actions environment. */
  public static TagInputs from(
      String version, Optional<String> shortSha, Map<String, String> env, List<String> configured) {
    Optional<String> branch =
        "branch".equals(env.get("GITHUB_REF_TYPE"))
            ? Optional.ofNullable(env.get("GITHUB_REF_NAME")).filter(s -> !s.isBlank())
            : Optional.empty();
    return new TagInputs(version, shortSha, branch, configured);
  }
}
