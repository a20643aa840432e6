package io.github.ghcrtools.publish.testing;

import io.github.ghcrtools.publish.progress.BuildLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects log lines; {@code quiet} mimics {@code mvn -q}. */
public final class RecordingLog implements BuildLog {

  public final List<String> infos = new CopyOnWriteArrayList<>();
  public final List<String> warnings = new CopyOnWriteArrayList<>();
  public final List<String> debugs = new CopyOnWriteArrayList<>();
  private final boolean quiet;

  public RecordingLog() {
    this(false);
  }

  public RecordingLog(boolean quiet) {
    this.quiet = quiet;
  }

  @Override
  public void info(String message) {
    infos.add(message);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public void debug(String message) {
    debugs.add(message);
  }

  @Override
  public boolean isInfoEnabled() {
    return !quiet;
  }

  @Override
  public boolean isDebugEnabled() {
    return false;
  }

  public String all() {
    return String.join("\n", infos)
        + "\n"
        + String.join("\n", warnings)
        + "\n"
        + String.join("\n", debugs);
  }
}
