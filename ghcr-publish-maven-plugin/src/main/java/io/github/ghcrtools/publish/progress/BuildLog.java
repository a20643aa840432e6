package io.github.ghcrtools.publish.progress;

/**
 * The slice of a build log the services write to; the Mojo adapts Maven's {@code Log}, tests
 * collect lines. {@code isInfoEnabled()} is false with {@code mvn -q}, which silences progress.
 */
public interface BuildLog {

  void info(String message);

  void warn(String message);

  void debug(String message);

  boolean isInfoEnabled();

  boolean isDebugEnabled();
}
