package io.github.ghcrtools.deploy.release;

import java.util.List;
import java.util.Optional;

/**
 * What changed since the previous release, as git tells it.
 *
 * @param previous the previous release's tag; empty for the first release
 * @param commits the commits reachable from HEAD and not from {@code previous}, newest first,
 *     merges left out (their commits are listed)
 * @param omitted commits beyond the notes' limit, counted but not listed
 * @param note why there is no change log (no git repository, no commit), or null
 */
public record Changes(
    Optional<VersionTag> previous, List<Commit> commits, int omitted, String note) {

  public Changes {
    commits = List.copyOf(commits);
  }

  /** No change log, for the reason {@code note}. */
  public static Changes none(String note) {
    return new Changes(Optional.empty(), List.of(), 0, note);
  }
}
