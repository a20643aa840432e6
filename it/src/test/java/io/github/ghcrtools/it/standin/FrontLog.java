package io.github.ghcrtools.it.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The front's access log, one line per request ({@code METHOD /path STATUS auth-kind scope}), kept
 * in a file like the registry's so a failed IT leaves a record; it never holds a credential, nor a
 * query but a token request's scope.
 */
final class FrontLog {

  private final Path file;

  FrontLog(Path file) {
    this.file = file;
  }

  synchronized void append(FrontRequest request) {
    try {
      Files.writeString(
          file,
          request.logLine() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("[ghcr-stand-in] could not write the front log: " + e);
    }
  }

  synchronized List<FrontRequest> requests() {
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank())
          .map(FrontRequest::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the front log", e);
    }
  }
}
