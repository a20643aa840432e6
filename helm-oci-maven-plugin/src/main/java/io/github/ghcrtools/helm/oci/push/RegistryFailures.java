package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a failed registry call into a message a user can act on. Authentication (401) and
 * authorization (403) failures name the identity and where it came from and say which token
 * permission is missing; no message ever holds the token, and the client's own messages are
 * reduced to their exception type and text.
 */
final class RegistryFailures {

    private final GhcrReference repository;
    private final RegistryCredentials credentials;

    RegistryFailures(GhcrReference repository, RegistryCredentials credentials) {
        this.repository = repository;
        this.credentials = credentials;
    }

    RuntimeException describe(String operation, RuntimeException failure) {
        if (failure instanceof PolicyViolationException || failure instanceof ChartPushException) {
            return failure;
        }
        String what = operation + " for " + repository.repositoryName();
        String identity = credentials.username() + " (credentials from " + credentials.source() + ")";
        return switch (status(failure).orElse(-1)) {
            case 401 -> new ChartPushException("ghcr.io rejected the credentials of " + identity + " (HTTP 401) while "
                    + lowerFirst(what) + ": check that the token is valid and not expired, and that it has the"
                    + " write:packages permission (a GITHUB_TOKEN needs 'permissions: packages: write')", failure);
            case 403 -> new ChartPushException("ghcr.io denied " + identity + " (HTTP 403) while " + lowerFirst(what)
                    + ": the token needs the write:packages permission, and the package " + repository.repositoryName()
                    + " must grant this repository write access (package settings, 'Manage Actions access')", failure);
            default -> new ChartPushException(what + " failed: " + summary(failure)
                    + "; the tag is only set by the last step, after every blob, so pushing again is safe",
                    failure);
        };
    }

    /** The first HTTP status along the cause chain ({@code getStatusCode()}, as ORAS reports it). */
    static Optional<Integer> status(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            try {
                Method method = t.getClass().getMethod("getStatusCode");
                if (method.invoke(t) instanceof Integer status && status >= 100) {
                    return Optional.of(status);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // no status on this one
            }
        }
        return Optional.empty();
    }

    private static String summary(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (root != failure) {
            text += " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        text = text.replace('\n', ' ').replace('\r', ' ');
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
