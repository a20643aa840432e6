package io.github.ghcrtools.core.signing;

import java.io.IOException;

/**
 * Signing failed (Sigstore, not the registry): the message says what was being signed and the
 * cause's own words, which never hold the OIDC request token (sigstore-java sends it as a header).
 */
public final class SigningException extends IOException {

  private static final long serialVersionUID = 1L;

  public SigningException(String doing, Throwable cause) {
    super(doing + " failed: " + rootMessage(cause), cause);
  }

  private static String rootMessage(Throwable cause) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !text.toString().contains(t.getMessage())) {
        if (text.length() > 0) {
          text.append(": ");
        }
        text.append(t.getMessage());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return text.length() == 0 ? cause.getClass().getSimpleName() : text.toString();
  }
}
