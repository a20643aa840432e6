package io.github.ghcrtools.deploy.release;

import java.util.Optional;

/**
 * One commit of the release's change log.
 *
 * @param id the full hash
 * @param author the author's name
 * @param message the full message
 */
public record Commit(String id, String author, String message) {

  /** The 7-digit hash the notes show. */
  public String shortId() {
    return id.substring(0, Math.min(7, id.length()));
  }

  /** The first line of the message. */
  public String subject() {
    return message.strip().split("\\R", 2)[0].strip();
  }

  public Optional<ConventionalCommit> conventional() {
    return ConventionalCommit.parse(message);
  }
}
