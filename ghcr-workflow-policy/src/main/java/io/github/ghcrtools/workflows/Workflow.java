package io.github.ghcrtools.workflows;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a GitHub Actions workflow file that the CI/CD policy looks at. Kept as plain data so
 * that every rule reads the same interpretation of the YAML.
 *
 * @param file how the file is named in messages (path in the repository)
 * @param triggers event names under {@code on:}
 * @param permissions workflow-level {@code permissions:}, {@link Permissions#UNDECLARED} if absent
 * @param env workflow-level {@code env:}
 * @param jobs jobs in file order
 * @param lines the file's text line by line, so that a finding can name the line it is on
 */
public record Workflow(
    String file,
    Set<String> triggers,
    Permissions permissions,
    Map<String, String> env,
    List<Job> jobs,
    List<String> lines) {

  public Workflow {
    triggers = Set.copyOf(triggers);
    env = Map.copyOf(env);
    jobs = List.copyOf(jobs);
    lines = List.copyOf(lines);
  }

  /** The job with this id, if any. */
  public java.util.Optional<Job> job(String id) {
    return jobs.stream().filter(job -> job.id().equals(id)).findFirst();
  }

  /** The permissions a job's token gets: its own block, else the workflow's. */
  public Permissions effectivePermissions(Job job) {
    return job.permissions().declared() ? job.permissions() : permissions;
  }

  /**
   * The 1-based number of the first line from {@code from} on that contains {@code text}, or {@code
   * from} when none does (the text was folded or escaped by YAML).
   */
  public int lineOf(String text, int from) {
    for (int line = Math.max(from, 1); line <= lines.size(); line++) {
      if (lines.get(line - 1).contains(text)) {
        return line;
      }
    }
    return from;
  }
}
