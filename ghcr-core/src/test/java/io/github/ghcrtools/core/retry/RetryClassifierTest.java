package io.github.ghcrtools.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RetryClassifierTest {

    /** Same shape as Apache HttpClient's exception; matched by simple class name. */
    static final class NoHttpResponseException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Shaped like Jib's ResponseException / ORAS's OrasException: a public getStatusCode(). */
    public static final class LibraryHttpException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Integer status;

        LibraryHttpException(Integer status) {
            super("HTTP " + status);
            this.status = status;
        }

        public Integer getStatusCode() {
            return status;
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ConnectException("Connection refused"), true),
                Arguments.of(new SocketException("Connection reset"), true),
                Arguments.of(new SocketTimeoutException("Read timed out"), true),
                Arguments.of(new EOFException(), true),
                Arguments.of(new HttpConnectTimeoutException("connect timed out"), true),
                Arguments.of(new NoHttpResponseException(), true),
                Arguments.of(new IOException("wrapped", new SocketException("Broken pipe")), true),
                Arguments.of(new ExecutionException(new ConnectException("refused")), true),
                Arguments.of(new LibraryHttpException(503), true),
                Arguments.of(new RuntimeException("push", new LibraryHttpException(502)), true),
                Arguments.of(new LibraryHttpException(401), false),
                Arguments.of(new LibraryHttpException(null), false),
                Arguments.of(new HttpStatusException(403, "denied"), false),
                Arguments.of(new IOException("disk full"), false),
                Arguments.of(new SSLHandshakeException("PKIX path building failed"), false),
                Arguments.of(new InterruptedException(), false),
                Arguments.of(new IOException("x", new InterruptedException()), false),
                Arguments.of(new IllegalArgumentException("bad manifest"), false));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void classifiesFailures(Throwable failure, boolean retryable) {
        assertEquals(retryable, RetryClassifier.DEFAULT.classify(failure).retryable(), failure.toString());
    }

    @ParameterizedTest
    @CsvSource({"408, true", "429, true", "500, true", "502, true", "503, true", "504, true", "501, false",
        "400, false", "401, false", "403, false", "404, false", "409, false", "422, false", "200, false"})
    void classifiesStatuses(int status, boolean retryable) {
        assertEquals(retryable, RetryClassifier.forStatus(status, Optional.empty()).retryable());
        assertEquals(retryable, RetryClassifier.DEFAULT.classify(new HttpStatusException(status, "s")).retryable());
    }

    @Test
    void keepsRetryAfterOfRetryableStatuses() {
        assertEquals(Retry.after(Duration.ofSeconds(7)),
                RetryClassifier.DEFAULT.classify(new HttpStatusException(429, "slow down", Optional.of(Duration.ofSeconds(7)))));
        assertEquals(Retry.no(), RetryClassifier.forStatus(401, Optional.of(Duration.ofSeconds(7))));
    }

    @Test
    void parsesRetryAfterHeaders() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryClassifier.parseRetryAfter(" 120 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                RetryClassifier.parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryClassifier.parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now));
        assertEquals(Optional.empty(), RetryClassifier.parseRetryAfter("soon", now));
        assertEquals(Optional.empty(), RetryClassifier.parseRetryAfter(null, now));
        assertEquals(Optional.empty(), RetryClassifier.parseRetryAfter("99999999999999999999999", now));
    }
}
