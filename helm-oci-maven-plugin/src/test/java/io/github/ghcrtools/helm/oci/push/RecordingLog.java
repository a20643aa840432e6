package io.github.ghcrtools.helm.oci.push;

import java.util.ArrayList;
import java.util.List;

/** Keeps every log line, prefixed with its level. */
final class RecordingLog implements PushLog {

  final List<String> lines = new ArrayList<>();

  @Override
  public void info(String message) {
    lines.add("INFO " + message);
  }

  @Override
  public void warn(String message) {
    lines.add("WARN " + message);
  }

  String all() {
    return String.join("\n", lines);
  }
}
