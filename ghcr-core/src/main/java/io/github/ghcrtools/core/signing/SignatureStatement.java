package io.github.ghcrtools.core.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an image or chart signature signs: an in-toto statement whose subject is the pushed digest
 * and whose predicate type is cosign's image signature ({@value #PREDICATE_TYPE}), the layout
 * {@code cosign sign} writes with Sigstore bundles, so that {@code cosign verify} finds it.
 */
public final class SignatureStatement {

  public static final String PREDICATE_TYPE = "https://sigstore.dev/cosign/sign/v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SignatureStatement() {}

  /**
   * @param subjectName {@code ghcr.io/<owner>/<path>}
   * @param digest {@code sha256:<hex>}
   */
  public static byte[] json(String subjectName, String digest) {
    ObjectNode statement = JSON.createObjectNode();
    statement.put("_type", "https://in-toto.io/Statement/v1");
    ObjectNode subject = statement.putArray("subject").addObject();
    subject.put("name", subjectName);
    subject.putObject("digest").put("sha256", digest.substring(digest.indexOf(':') + 1));
    statement.put("predicateType", PREDICATE_TYPE);
    statement.putObject("predicate");
    try {
      return JSON.writeValueAsBytes(statement);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes it to {@code file}; the file is what the release signs. */
  public static Path write(Path file, String subjectName, String digest) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, json(subjectName, digest));
    return file;
  }
}
