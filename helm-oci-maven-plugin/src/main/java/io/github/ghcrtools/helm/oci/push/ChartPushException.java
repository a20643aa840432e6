package io.github.ghcrtools.helm.oci.push;

/**
 * The push cannot be done as configured: no package to push, no credentials, a version already
 * taken by other content, a registry refusal. The message says what to change and never holds
 * a credential.
 */
public class ChartPushException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChartPushException(String message) {
        super(message);
    }

    public ChartPushException(String message, Throwable cause) {
        super(message, cause);
    }
}
