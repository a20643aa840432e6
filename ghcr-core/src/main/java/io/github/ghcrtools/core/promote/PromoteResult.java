package io.github.ghcrtools.core.promote;

import io.github.ghcrtools.core.policy.GhcrReference;
import java.util.Optional;

/**
 * What one promotion did to one repository, for the log, the step outputs and the summary.
 *
 * @param repository the repository
 * @param channel the channel tag
 * @param digest what the channel points at now
 * @param previous what it pointed at before, empty when it did not exist
 */
public record PromoteResult(
    GhcrReference repository, String channel, String digest, Optional<String> previous) {

  public boolean changed() {
    return previous.map(p -> !p.equals(digest)).orElse(true);
  }

  public String summaryLine() {
    String ref = repository.withTag(channel).toString();
    if (!changed()) {
      return ref + " already points to " + digest + "; nothing changed";
    }
    return "Promoted "
        + ref
        + " -> "
        + digest
        + previous.map(p -> " (was " + p + ")").orElse(" (new channel tag)");
  }
}
