package io.github.ghcrtools.workflows;

/**
 * One breach of the CI/CD policy, located down to the step so that the fix is obvious.
 *
 * @param file workflow file as named in the repository
 * @param job job id
 * @param step step label (name or {@code #n})
 * @param what what the step does wrong
 * @param fix what to change
 */
public record Violation(String file, String job, String step, String what, String fix) {

  /** The one-line form printed in the build log (line breaks inside fields become spaces). */
  @Override
  public String toString() {
    return oneLine(file + ": job '" + job + "' step '" + step + "': " + what + " \u2014 " + fix);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ");
  }
}
