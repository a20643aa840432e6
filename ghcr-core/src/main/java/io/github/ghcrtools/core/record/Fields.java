package io.github.ghcrtools.core.record;

import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.policy.RegistryPolicy;
import java.util.regex.Pattern;

/**
 * Field checks shared by the record types, worded as "field 'x' ..." for the file-level message.
 */
final class Fields {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private Fields() {}

  static void schema(int schema, int expected) {
    if (schema != expected) {
      throw new RecordException(
          "unknown schema " + schema + "; this version reads schema " + expected);
    }
  }

  static <T> T required(String field, T value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new RecordException("field '" + field + "' is missing");
    }
    return value;
  }

  /** The name becomes part of a file name, so it is kept to a safe alphabet. */
  static void name(String name) {
    required("name", name);
    if (!NAME.matcher(name).matches()) {
      throw new RecordException(
          "field 'name' value '"
              + name
              + "' is invalid; use letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  static void digest(String digest) {
    required("digest", digest);
    try {
      RegistryPolicy.digest(digest, "digest");
    } catch (PolicyViolationException e) {
      throw new RecordException(
          "field 'digest' value '" + digest + "' is not 'sha256:' and 64 lowercase hex");
    }
  }

  static void repository(String repository) {
    required("repository", repository);
    GhcrReference parsed = null;
    try {
      parsed = RegistryPolicy.parseImage(repository, "repository");
    } catch (PolicyViolationException e) {
      // reported below
    }
    if (parsed == null || parsed.pushable() || !parsed.repositoryName().equals(repository)) {
      throw new RecordException(
          "field 'repository' value '"
              + repository
              + "' is not a ghcr.io repository name; write 'ghcr.io/<owner>/<path>' without tag or digest");
    }
  }

  static void tag(String tag) {
    try {
      RegistryPolicy.tag(tag, "tags");
    } catch (PolicyViolationException e) {
      throw new RecordException("field 'tags' value '" + tag + "' is not a valid OCI tag");
    }
  }
}
