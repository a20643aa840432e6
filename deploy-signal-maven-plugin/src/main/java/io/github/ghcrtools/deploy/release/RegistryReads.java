package io.github.ghcrtools.deploy.release;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.registry.Manifest;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The size reads on ghcr.io, through the suite's one registry client: one read-only ({@code pull})
 * client per repository, each with its bearer token from the run's cache.
 */
public final class RegistryReads implements ArtifactSizes.Reads, AutoCloseable {

  private static final String HOST = GhcrReference.REGISTRY + "/";

  private final RegistryCredentials credentials;
  private final RegistryCalls calls;
  private final Map<String, OciRegistry> clients = new LinkedHashMap<>();

  public RegistryReads(RegistryCredentials credentials, RegistryCalls calls) {
    this.credentials = credentials;
    this.calls = calls;
  }

  @Override
  public Optional<Manifest> manifest(String repository, String reference) throws IOException {
    return client(repository).manifest(reference);
  }

  @Override
  public byte[] blob(String repository, String digest) throws IOException {
    return client(repository).blob(digest);
  }

  private OciRegistry client(String repository) {
    return clients.computeIfAbsent(
        repository,
        name ->
            OciRegistry.open(
                new GhcrReference(
                    name.startsWith(HOST) ? name.substring(HOST.length()) : name, null, null),
                credentials,
                OciRegistry.Access.PULL,
                calls));
  }

  @Override
  public void close() {
    clients.values().forEach(OciRegistry::close);
  }
}
