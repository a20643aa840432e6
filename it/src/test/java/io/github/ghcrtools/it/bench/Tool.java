package io.github.ghcrtools.it.bench;

/**
 * The two publishers compared. Both build the same app into the same image with Jib core, so the
 * difference the benchmark shows is what each does around Jib: checks, requests, local work.
 */
enum Tool {
  OURS("ours", "mvn deploy (ghcr:build + ghcr:push)"),
  JIB("jib", "mvn package jib:build");

  private final String label;
  private final String command;

  Tool(String label, String command) {
    this.label = label;
    this.command = command;
  }

  /** Short name used in repository names and the table. */
  String label() {
    return label;
  }

  /** What the user types, as shown in the table. */
  String command() {
    return command;
  }
}
