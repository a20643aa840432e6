package io.github.ghcrtools.core.retry;

import java.io.EOFException;
import java.lang.reflect.Method;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a failure is worth another attempt. Only transport hiccups and the statuses a
 * registry uses for "later" (408, 429, 5xx gateway errors) are; authentication, authorization
 * and validation errors never are, since repeating them only delays the real error message.
 */
@FunctionalInterface
public interface RetryClassifier {

    Retry classify(Throwable failure);

    /**
     * Connection failures ({@code ConnectException}, resets and other {@code SocketException}s,
     * timeouts, {@code EOFException}, {@code NoHttpResponseException} by class name) and HTTP
     * statuses, from {@link HttpStatusException} or any exception with a public
     * {@code getStatusCode()} (Jib's {@code ResponseException}, ORAS's {@code OrasException}),
     * looked for along the cause chain. Interruptions are never retried.
     */
    RetryClassifier DEFAULT = failure -> {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return Retry.no();
            }
            if (t instanceof HttpStatusException h) {
                return forStatus(h.status(), h.retryAfter());
            }
            Optional<Integer> status = statusCodeOf(t);
            if (status.isPresent()) {
                return forStatus(status.get(), Optional.empty());
            }
            if (t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof HttpTimeoutException || t instanceof EOFException
                    || t.getClass().getSimpleName().equals("NoHttpResponseException")) {
                return Retry.yes();
            }
        }
        return Retry.no();
    };

    /** 408, 429, 500, 502, 503, 504 are retryable; every other status is not. */
    static Retry forStatus(int status, Optional<Duration> retryAfter) {
        return switch (status) {
            case 408, 429, 500, 502, 503, 504 -> new Retry(true, retryAfter == null ? Optional.empty() : retryAfter);
            default -> Retry.no();
        };
    }

    /** Parses a Retry-After header: delta seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> statusCodeOf(Throwable t) {
        try {
            Method method = t.getClass().getMethod("getStatusCode");
            Object value = method.invoke(t);
            return value instanceof Integer i && i >= 100 ? Optional.of(i) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
