package io.github.ghcrtools.helm.oci.push;

/**
 * ORAS 0.7.0's HTTP client logs every failed request at ERROR with a stack trace, also the
 * transient ones our retries then recover from, so a green build would show red lines. Its logger
 * is turned off instead: our own retry lines say what failed, the attempt and the wait, a final
 * failure names its cause, and {@code -X} (or a level the user set for that logger) keeps ORAS's
 * own lines. Maven's SLF4J provider reads a logger's level from the system property
 * {@value #LEVEL} when the logger is made, so this must run before the first ORAS call.
 */
final class OrasLogging {

    static final String LEVEL = "org.slf4j.simpleLogger.log.land.oras.auth.HttpClient";

    private OrasLogging() {
    }

    /** @param debug whether the build logs at debug level ({@code -X}) */
    static void quietRequestErrors(boolean debug) {
        if (!debug && System.getProperty(LEVEL) == null) {
            System.setProperty(LEVEL, "off");
        }
    }
}
