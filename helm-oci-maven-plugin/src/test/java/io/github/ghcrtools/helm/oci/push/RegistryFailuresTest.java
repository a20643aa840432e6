package io.github.ghcrtools.helm.oci.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.credentials.Secret;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.retry.RetryExhaustedException;
import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import land.oras.exception.OrasException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Registry failures become messages that say what to fix and never show the token. */
class RegistryFailuresTest {

    private static final String TOKEN = "ghp_doNotPrintMe";
    private final RegistryFailures failures = new RegistryFailures(new GhcrReference("acme/charts/app", null, null),
            new RegistryCredentials("octo-dev", Secret.of(TOKEN), "env GHCR_TOKEN"));

    @Test
    void unauthorizedNamesTheIdentityAndThePermission() {
        RuntimeException e = failures.describe("Uploading blob sha256:x", new OrasException(401, "Invalid WWW-Authenticate header"));

        assertEquals("ghcr.io rejected the credentials of octo-dev (credentials from env GHCR_TOKEN) (HTTP 401) while"
                + " uploading blob sha256:x for ghcr.io/acme/charts/app: check that the token is valid and not expired, and"
                + " that it has the write:packages permission (a GITHUB_TOKEN needs 'permissions: packages: write')",
                e.getMessage());
    }

    @Test
    void forbiddenAfterRetriesSaysWhichPermissionAndPackageAccessIsMissing() {
        RetryExhaustedException wrapped = new RetryExhaustedException("Uploading the manifest failed", "op", 1,
                new OrasException(403, "denied"));

        RuntimeException e = failures.describe("Uploading the manifest for tag 0.1.0", wrapped);

        assertTrue(e.getMessage().startsWith("ghcr.io denied octo-dev (credentials from env GHCR_TOKEN) (HTTP 403)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("write:packages"), e.getMessage());
        assertTrue(e.getMessage().contains("Manage Actions access"), e.getMessage());
    }

    @Test
    void otherFailuresKeepTheClientsWordsAndTheRootCause() {
        RuntimeException e = failures.describe("Checking tag 0.1.0", new RetryExhaustedException(
                "Checking tag 0.1.0 failed after 5 attempts (OrasException: Unable to create HTTP request)", "op", 5,
                new OrasException("Unable to create HTTP request", new ConnectException("Connection refused"))));

        assertTrue(e instanceof ChartPushException);
        assertTrue(e.getMessage().startsWith("Checking tag 0.1.0 for ghcr.io/acme/charts/app failed: Checking tag 0.1.0 failed"
                + " after 5 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("(ConnectException: Connection refused)"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"401", "403", "500"})
    void noMessageHoldsTheToken(int status) {
        assertFalse(failures.describe("Checking tag 1", new OrasException(status, "x")).getMessage().contains(TOKEN));
    }

    @Test
    void policyRefusalsPassThroughUnchanged() {
        PolicyViolationException refusal = new PolicyViolationException("no");

        assertSame(refusal, failures.describe("x", refusal));
    }

    @Test
    void theClassifierRetriesRefusedTunnelsAndResetsButNotAnUntrustedCertificate() {
        OrasException tunnel = new OrasException("Unable to create HTTP request", new IOException("Tunnel failed, got: 502"));
        OrasException certificate = new OrasException("Unable to create HTTP request",
                new SSLHandshakeException("PKIX path building failed"));

        SSLHandshakeException cutShort = new SSLHandshakeException("Remote host terminated the handshake");
        cutShort.initCause(new IOException("Connection reset by peer"));
        OrasException reset = new OrasException("Unable to create HTTP request", cutShort);
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertificateException("unable to find valid certification path"));

        assertTrue(OrasChartRegistry.CLASSIFIER.classify(tunnel).retryable());
        assertTrue(OrasChartRegistry.CLASSIFIER.classify(reset).retryable());
        assertFalse(OrasChartRegistry.CLASSIFIER.classify(certificate).retryable());
        assertFalse(OrasChartRegistry.CLASSIFIER.classify(new OrasException("x", untrusted)).retryable());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "gateway timeout            | 504 | ''                                                                  | true",
        "too many requests          | 429 | ''                                                                  | true",
        "unauthorized               | 401 | ''                                                                  | false",
        "not found                  | 404 | ''                                                                  | false",
        "upload lost by GHCR        | -1  | 'Failed to push layer: {\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\"}]}' | true",
        "upload start refused       | -1  | 'Failed to initiate blob upload: {\"errors\":[{\"code\":\"DENIED\"}]}'   | false",
        "other client error         | -1  | 'Digest mismatch: a != b'                                           | false",
    })
    void theClassifierRetriesTransientFailuresOnly(String name, int status, String message, boolean retryable) {
        OrasException failure = status > 0 ? new OrasException(status, "HTTP " + status) : new OrasException(message);

        assertEquals(retryable, OrasChartRegistry.CLASSIFIER.classify(failure).retryable());
    }
}
