package io.github.ghcrtools.it.bench;

/** The two situations a publish meets in CI: a new image, and a re-run with nothing changed. */
enum Phase {
  COLD("cold publish"),
  WARM("warm no-op republish");

  private final String label;

  Phase(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
