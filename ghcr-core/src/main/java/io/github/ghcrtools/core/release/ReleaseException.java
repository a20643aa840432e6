package io.github.ghcrtools.core.release;

/** Publishing the release failed; the message names the artifact and the cause, never a token. */
public final class ReleaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReleaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public ReleaseException(String message) {
        super(message);
    }
}
