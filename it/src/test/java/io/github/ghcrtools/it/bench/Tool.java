package io.github.ghcrtools.it.bench;

/**
 * The two publishers compared, and Maven alone as the floor under both. Both publishers build the
 * same app into the same image with Jib core, so the difference the benchmark shows is what each
 * does around Jib: checks, requests, local work. Maven alone runs ours' {@code mvn deploy} without
 * our plugin (nor jib's run has it): no plugin can make a publish faster than that, and setting up
 * our plugin counts against ours.
 */
enum Tool {
  OURS("ours", "mvn deploy (ghcr:build + ghcr:push)"),
  JIB("jib", "mvn package jib:build"),
  MAVEN("maven alone", "mvn deploy without the image plugins");

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
