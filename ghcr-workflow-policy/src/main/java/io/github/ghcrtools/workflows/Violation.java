package io.github.ghcrtools.workflows;

/**
 * One breach of the CI/CD policy, located down to the step so that the fix is obvious. Errors and
 * warnings share this form; {@link VerificationResult} keeps them apart.
 *
 * @param file workflow file as named in the repository
 * @param job job id
 * @param step step label (name or {@code #n}), or {@code null} when the job's own keys are at fault
 * @param what what the step does wrong
 * @param fix what to change
 */
public record Violation(String file, String job, String step, String what, String fix) {

  /** The one-line form printed in the build log (line breaks inside fields become spaces). */
  @Override
  public String toString() {
    String where = step == null ? "" : " step '" + step + "'";
    return oneLine(file + ": job '" + job + "'" + where + ": " + what + " \u2014 " + fix);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ");
  }
}
