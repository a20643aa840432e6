package io.github.ghcrtools.publish;

import io.github.ghcrtools.publish.progress.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** Maven's log as a {@link BuildLog}; {@code -q} turns info off, {@code -X} turns debug on. */
final class MavenBuildLog implements BuildLog {

  private final Log log;

  MavenBuildLog(Log log) {
    this.log = log;
  }

  @Override
  public void info(String message) {
    log.info(message);
  }

  @Override
  public void warn(String message) {
    log.warn(message);
  }

  @Override
  public void debug(String message) {
    log.debug(message);
  }

  @Override
  public boolean isInfoEnabled() {
    return log.isInfoEnabled();
  }

  @Override
  public boolean isDebugEnabled() {
    return log.isDebugEnabled();
  }
}
