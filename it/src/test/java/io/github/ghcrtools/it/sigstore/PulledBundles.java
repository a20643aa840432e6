package io.github.ghcrtools.it.sigstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.supplychain.ReferrersView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Sigstore bundles listed for a subject under its referrers tag ({@code sha256-<hex>}), pulled
 * with skopeo alone: the index and each bundle manifest with {@code skopeo inspect --raw}, the
 * bundle layer with {@code skopeo copy docker://…@digest dir:…}. Each manifest and layer is checked
 * against its digest. Entries of other artifact types (SBOM, provenance statement) are left out.
 */
public final class PulledBundles {

  /** The annotation naming what the bundle holds: {@code dsse-envelope} or a message signature. */
  public static final String CONTENT = "dev.sigstore.bundle.content";

  /** The annotation naming the in-toto predicate type of a DSSE bundle. */
  public static final String PREDICATE_TYPE = "dev.sigstore.bundle.predicateType";

  /** cosign v3's predicate type of an image signature. */
  public static final String COSIGN_SIGN = "https://sigstore.dev/cosign/sign/v1";

  public static final String SLSA_PROVENANCE = "https://slsa.dev/provenance/v1";

  private final GhcrStandIn standIn;
  private final ReferrersView referrers;
  private final Path work;

  /** Pulls through {@code standIn}'s skopeo into {@code work}. */
  public PulledBundles(GhcrStandIn standIn, Path work) {
    this.standIn = standIn;
    this.referrers = new ReferrersView(standIn);
    this.work = work;
  }

  /**
   * One bundle referrer.
   *
   * @param digest its manifest's digest
   * @param indexEntry its descriptor in the referrers index (artifactType, annotations)
   * @param manifest its manifest (subject, config, the one layer)
   * @param annotations the manifest's annotations ({@link #CONTENT}, {@link #PREDICATE_TYPE})
   * @param bundle the bundle JSON file, as pulled
   */
  public record PulledBundle(
      String digest,
      JsonNode indexEntry,
      JsonNode manifest,
      Map<String, String> annotations,
      Path bundle) {

    /** {@link #PREDICATE_TYPE}, or null. */
    public String predicateType() {
      return annotations.get(PREDICATE_TYPE);
    }
  }

  /**
   * Every Sigstore bundle referrer of {@code subject} ({@code sha256:…}) in {@code repository}
   * ({@code ghcr.io/<owner>/<name>}), in index order; empty when there is no referrers tag.
   */
  public List<PulledBundle> of(String repository, String subject) {
    List<PulledBundle> bundles = new ArrayList<>();
    if (referrers.noIndex(repository, subject)) {
      return bundles;
    }
    for (JsonNode entry : referrers.entries(repository, subject, ReferrersView.SIGSTORE_BUNDLE)) {
      String digest = entry.path("digest").asText();
      JsonNode manifest = referrers.manifest(repository, digest);
      if (!subject.equals(manifest.path("subject").path("digest").asText())) {
        throw new AssertionError(
            digest
                + " is listed for "
                + subject
                + " but its subject is "
                + manifest.path("subject"));
      }
      Map<String, String> annotations = new TreeMap<>();
      manifest
          .path("annotations")
          .properties()
          .forEach(field -> annotations.put(field.getKey(), field.getValue().asText()));
      bundles.add(
          new PulledBundle(
              digest, entry, manifest, annotations, layer(repository, digest, manifest)));
    }
    return bundles;
  }

  /** Copies the manifest to a {@code dir:} folder and returns its one layer's file. */
  private Path layer(String repository, String digest, JsonNode manifest) {
    JsonNode layers = manifest.path("layers");
    if (layers.size() != 1) {
      throw new AssertionError(digest + " has " + layers.size() + " layers, a bundle has one");
    }
    String layer = layers.get(0).path("digest").asText();
    Path dir = work.resolve(digest.replace(':', '-'));
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    standIn.skopeo("copy", "docker://" + repository + "@" + digest, "dir:" + dir).requireSuccess();
    Path file = dir.resolve(layer.substring(layer.indexOf(':') + 1));
    try {
      String actual = ReferrersView.sha256(Files.readAllBytes(file));
      if (!actual.equals(layer)) {
        throw new AssertionError("the layer " + layer + " of " + digest + " has digest " + actual);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("skopeo left no layer " + file, e);
    }
    return file;
  }
}
