package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import io.github.ghcrtools.core.retry.Retry;
import io.github.ghcrtools.core.retry.RetryBudget;
import io.github.ghcrtools.core.retry.RetryClassifier;
import io.github.ghcrtools.core.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import land.oras.ContainerRef;
import land.oras.Descriptor;
import land.oras.Layer;
import land.oras.Manifest;
import land.oras.Registry;
import land.oras.exception.OrasException;

/**
 * {@link ChartRegistry} on the ORAS Java SDK 0.7.0, which has no retries of its own: every call
 * runs under ghcr-core's {@link RetryPolicy} (a blob upload is re-checked with HEAD before it is
 * sent again, as GHCR's "unknown blob" answers need). The client is built for ghcr.io with the
 * given credentials only, checked by {@link OrasTransportGuard} before the first request, and
 * its transfer threads are this class's own, stopped on {@link #close()}.
 */
final class OrasChartRegistry implements ChartRegistry {

    /**
     * ghcr-core's classifier (which knows the JDK HTTP client's transport failures: refused
     * tunnels, resets under TLS, responses cut short), plus ORAS's way of reporting a failed blob
     * upload: "Failed to push layer: ..." with the registry's error body and no status code
     * (GHCR's BLOB_UPLOAD_UNKNOWN among them), retried unless the body says the credentials were
     * refused. Every call retried here is idempotent: HEAD and GET, blob uploads addressed by
     * digest (ORAS checks the blob with HEAD before sending it again), the manifest PUT.
     */
    static final RetryClassifier CLASSIFIER = failure -> {
        Retry verdict = RetryClassifier.DEFAULT.classify(failure);
        if (verdict.retryable() || !(failure instanceof OrasException oras) || oras.getStatusCode() >= 100) {
            return verdict;
        }
        String message = String.valueOf(oras.getMessage());
        boolean uploadFailed = message.startsWith("Failed to push layer") || message.startsWith("Failed to initiate blob upload");
        boolean refused = message.contains("UNAUTHORIZED") || message.contains("DENIED");
        return uploadFailed && !refused ? Retry.yes() : verdict;
    };

    private final Registry registry;
    private final ExecutorService executor;
    private final ContainerRef repository;
    private final RegistryFailures failures;
    private final RetryPolicy retry;
    private final RetryBudget budget;
    private final PushLog log;

    private OrasChartRegistry(Registry registry, ExecutorService executor, ContainerRef repository,
            RegistryFailures failures, RetryPolicy retry, RetryBudget budget, PushLog log) {
        this.registry = registry;
        this.executor = executor;
        this.repository = repository;
        this.failures = failures;
        this.retry = retry;
        this.budget = budget;
        this.log = log;
    }

    /**
     * Builds the client for {@code ghcr.io/<repository>} and refuses any redirected or insecure
     * setup; every call's retry waits are drawn from {@code budget}.
     */
    static ChartRegistry open(GhcrReference repository, RegistryCredentials credentials, PushLog log,
            RetryBudget budget) {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "helm-oci-push-transfer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Registry registry = Registry.builder()
                    .defaults(GhcrReference.REGISTRY, credentials.username(), credentials.token().reveal())
                    .withParallelism(1)
                    .withExecutorService(executor)
                    .build();
            ContainerRef ref = ContainerRef.parse(repository.repositoryName());
            OrasTransportGuard.check(registry, registry.getRegistriesConf(), ref);
            if (ref.isInsecure(registry)) {
                throw new PolicyViolationException("The ORAS client would reach "
                        + ref.getFullRepository() + " insecurely; remove insecure settings for ghcr.io.");
            }
            return new OrasChartRegistry(registry, executor, ref, new RegistryFailures(repository, credentials),
                    RetryPolicy.defaults(), budget, log);
        } catch (RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    @Override
    public Optional<String> manifestDigest(String tag) {
        ContainerRef ref = repository.withTag(tag);
        return call("Checking tag " + tag, () -> {
            try {
                String digest = registry.probeDescriptor(ref).getDigest();
                if (digest == null) {
                    Descriptor descriptor = registry.getDescriptor(ref);
                    digest = Digests.sha256(descriptor.getJson().getBytes(StandardCharsets.UTF_8));
                }
                return Optional.of(digest);
            } catch (OrasException e) {
                if (e.getStatusCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public boolean hasBlob(String digest) {
        ContainerRef ref = repository.withDigest(digest);
        return call("Checking blob " + digest, () -> {
            try {
                registry.fetchBlobDescriptor(ref);
                return true;
            } catch (OrasException e) {
                if (e.getStatusCode() == 404) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public void pushBlob(HelmManifest.Blob blob) {
        Layer layer = call("Uploading blob " + blob.digest(), () -> registry.pushBlob(repository, blob.data()));
        if (!blob.digest().equals(layer.getDigest())) {
            throw new ChartPushException("ghcr.io accepted blob " + layer.getDigest() + " for " + blob.digest()
                    + " of " + repository.getFullRepository() + "; push again");
        }
    }

    @Override
    public String pushManifest(String tag, HelmManifest manifest) {
        Manifest stored = call("Uploading the manifest for tag " + tag,
                () -> registry.pushManifest(repository.withTag(tag), Manifest.fromJson(manifest.json())));
        return stored.getDescriptor() == null ? null : stored.getDescriptor().getDigest();
    }

    private <T> T call(String operation, Callable<T> action) {
        try {
            return retry.call(operation, action, CLASSIFIER, log::warn, budget);
        } catch (RuntimeException e) {
            throw failures.describe(operation, e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
