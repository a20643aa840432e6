package io.github.ghcrtools.it.standin;

/**
 * What an external program (skopeo, openssl) said, kept whole so a failing assertion can show it.
 */
public record ProcessResult(String command, int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** This result, or an {@link AssertionError} carrying the command, exit code and both streams. */
  public ProcessResult requireSuccess() {
    if (!succeeded()) {
      throw new AssertionError(describe());
    }
    return this;
  }

  public String describe() {
    return command
        + " exited with "
        + exitCode
        + "\n--- stdout ---\n"
        + stdout
        + "\n--- stderr ---\n"
        + stderr;
  }
}
