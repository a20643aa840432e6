package io.github.ghcrtools.core.policy;

import java.util.Objects;

/**
 * A reference that already passed the policy: the registry is ghcr.io by construction, so code
 * holding one can never be pointed at another host. Tag and digest are optional; a pushable
 * reference has at least one of them.
 *
 * @param repository path below the host, e.g. {@code owner/pytoya/api}
 * @param tag tag or {@code null}
 * @param digest {@code sha256:<hex>} or {@code null}
 */
public record GhcrReference(String repository, String tag, String digest) {

  /** The only registry host the suite talks to. */
  public static final String REGISTRY = "ghcr.io";

  /** Whether {@code host} names ghcr.io: ASCII letters in any case, no look-alike. */
  public static boolean isRegistryHost(String host) {
    return host != null && References.sameAsciiName(host, REGISTRY);
  }

  public GhcrReference {
    Objects.requireNonNull(repository, "repository");
    References.checkRepository(References.parameter("repository"), null, repository);
    if (tag != null) {
      References.checkTag(References.parameter("tag"), null, tag);
    }
    if (digest != null) {
      References.checkDigest(References.parameter("digest"), null, digest);
    }
  }

  /** Always {@code ghcr.io}. */
  public String registry() {
    return REGISTRY;
  }

  /** {@code ghcr.io/<repository>}, without tag or digest. */
  public String repositoryName() {
    return REGISTRY + "/" + repository;
  }

  /** First path segment: the GitHub user or organization owning the package. */
  public String owner() {
    return repository.substring(0, repository.indexOf('/'));
  }

  public GhcrReference withTag(String newTag) {
    return new GhcrReference(repository, newTag, digest);
  }

  public GhcrReference withDigest(String newDigest) {
    return new GhcrReference(repository, tag, newDigest);
  }

  /** True when the reference names something a registry can resolve: a tag or a digest. */
  public boolean pushable() {
    return tag != null || digest != null;
  }

  /** {@code ghcr.io/owner/x[:tag][@sha256:...]}. */
  @Override
  public String toString() {
    return repositoryName() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
