package io.github.ghcrtools.core.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import io.github.ghcrtools.core.referrers.Referrer;
import io.github.ghcrtools.core.referrers.ReferrersIndex;
import io.github.ghcrtools.core.referrers.ReferrersWriter;
import io.github.ghcrtools.core.registry.FailureMessages;
import io.github.ghcrtools.core.registry.Manifest;
import io.github.ghcrtools.core.registry.OciRegistry;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.core.registry.Sha256;
import io.github.ghcrtools.core.registry.SideBySide;
import io.github.ghcrtools.core.signing.ReleaseSigning;
import io.github.ghcrtools.core.signing.SigningException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Publishes prepared artifacts as one release: the tags to write are looked at again (one HEAD
 * each, side by side: another run may have written one since the modules checked), with the
 * referrers indexes read alongside; then the manifests go under every artifact's immutable tags,
 * then their referrers (SBOM, provenance: {@link ReferrersWriter}), then the moving tags of all of
 * them (never backwards: {@link MovingTagGuard}), then the records and outputs. Blobs are already
 * on ghcr.io, so this is only manifest PUTs, sent side by side; a failure stops before the moving
 * tags, leaving no tag on a manifest with missing blobs and no moving tag on a release that did not
 * complete.
 */
public final class ReleasePublisher {

  /**
   * The release's manifest PUTs and tag checks, a few at once. It spans every repository of the
   * reactor, so it sends as many at once as two modules pushing side by side do (twice a module's).
   */
  private static final SideBySide<ReleaseException> SIDE_BY_SIDE =
      new SideBySide<>(
          "ghcr-release",
          2 * SideBySide.REGISTRY_REQUESTS,
          e -> new ReleaseException("interrupted while publishing the release", e));

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Opens the registry client of one repository. */
  @FunctionalInterface
  public interface Registries {
    OciRegistry open(GhcrReference repository);
  }

  private final RegistryCredentials credentials;
  private final Registries registries;
  private final ReleaseReport report;
  private final Consumer<String> info;
  private final Signers signers;

  /** Opens the release's signer: one per publish, closed after it. */
  @FunctionalInterface
  public interface Signers {
    Signer open();
  }

  /** Signs the release's bundles (only when asked: a republish may ask for none). */
  public interface Signer extends ReferrersWriter.BundleMaker, AutoCloseable {
    @Override
    void close();
  }

  /**
   * @param env the build's environment: the GitHub Actions OIDC token request when the release
   *     signs
   */
  public ReleasePublisher(
      RegistryCredentials credentials,
      RegistryCalls calls,
      ReleaseReport report,
      Consumer<String> info,
      Map<String, String> env) {
    this(
        credentials,
        repository -> OciRegistry.open(repository, credentials, OciRegistry.Access.PUSH, calls),
        report,
        info,
        () -> new ReleaseSigning(env, info));
  }

  /**
   * With its own way to open registry clients and its own signer (unit tests use an in-memory
   * transport and sign without Sigstore).
   */
  public ReleasePublisher(
      RegistryCredentials credentials,
      Registries registries,
      ReleaseReport report,
      Consumer<String> info,
      Signers signers) {
    this.credentials = credentials;
    this.registries = registries;
    this.report = report;
    this.info = info;
    this.signers = signers;
  }

  /** A release that signs nothing (no OIDC environment). */
  public ReleasePublisher(
      RegistryCredentials credentials,
      Registries registries,
      ReleaseReport report,
      Consumer<String> info) {
    this(credentials, registries, report, info, () -> new ReleaseSigning(Map.of(), info));
  }

  /**
   * @return the records written, one per artifact, in the artifacts' order
   * @throws ReleaseException naming the artifact and the cause; the token never appears
   */
  public List<PublishRecord> publish(List<PreparedArtifact> artifacts) {
    refuseSharedTags(artifacts);
    refuseSharedNames(artifacts);
    Map<String, OciRegistry> open = new LinkedHashMap<>();
    try (Signer signer = signers.open()) {
      // each bundle signed once: before the tags for new versions, else when the writer misses it
      Set<String> signed = ConcurrentHashMap.newKeySet();
      ReferrersWriter.BundleMaker signing =
          bundle -> {
            if (signed.add(bundle.file())) {
              signer.make(bundle);
            }
          };
      for (PreparedArtifact artifact : artifacts) {
        open.computeIfAbsent(
            artifact.repository(),
            r -> registries.open(new GhcrReference(artifact.repositoryPath(), null, null)));
      }
      // the immutable tags again, now: another run may have written one since this build's
      // modules checked them; with them, the referrers index of each artifact that has referrers
      // (the release adds to it after the immutable tags, and a republish signs what it misses).
      // Moving tags are looked at just before they move, below.
      List<Task> checks = new ArrayList<>();
      for (PreparedArtifact artifact : artifacts) {
        artifact.immutableToPush().forEach(tag -> checks.add(new Task(artifact, tag)));
        if (!artifact.referrers().isEmpty()) {
          checks.add(new Task(artifact, REFERRERS_INDEX));
        }
      }
      Map<Task, String> now = new ConcurrentHashMap<>();
      Map<PreparedArtifact, ReferrersIndex> indexes = new ConcurrentHashMap<>();
      run(
          checks,
          task -> {
            OciRegistry registry = open.get(task.artifact().repository());
            if (task.tag().equals(REFERRERS_INDEX)) {
              indexes.put(
                  task.artifact(), new ReferrersWriter(registry).read(task.artifact().digest()));
            } else {
              now.put(task, registry.manifestDigest(task.tag()).orElse(""));
            }
            return null;
          });

      Map<PreparedArtifact, List<String>> immutable = new LinkedHashMap<>();
      for (PreparedArtifact artifact : artifacts) {
        for (String tag : artifact.immutableToPush()) {
          String current = now.get(new Task(artifact, tag));
          if (current.isEmpty() || current.equals(artifact.replacing().get(tag))) {
            // absent, or still the digest this build replaces on purpose (allowOverwrite)
            immutable.computeIfAbsent(artifact, a -> new ArrayList<>()).add(tag);
          } else if (!current.equals(artifact.digest())) {
            throw new ReleaseException(
                "Tag '"
                    + tag
                    + "' of "
                    + artifact.repository()
                    + " now points at "
                    + current
                    + ", written after this build checked it, and this build's "
                    + artifact.name()
                    + " is "
                    + artifact.digest()
                    + ": a published version never changes, so nothing of this"
                    + " release was tagged. Bump the version, or find the other run that published it.");
          }
        }
      }
      // everything to sign is signed before anything is tagged, so a signing failure tags
      // nothing: a new version's bundles, and those a republish finds missing from its index
      for (PreparedArtifact artifact : artifacts) {
        ReferrersIndex index = immutable.containsKey(artifact) ? null : indexes.get(artifact);
        for (Referrer referrer : artifact.referrers()) {
          if (referrer.signs() != null
              && (index == null
                  || index.digestsOf(referrer.artifactType(), referrer.identity()).isEmpty())) {
            sign(signing, artifact, referrer);
          }
        }
      }

      // a new index's platform manifests, then every artifact's immutable tags, side by side
      List<Task> platforms = new ArrayList<>();
      List<Task> tagging = new ArrayList<>();
      immutable.forEach(
          (artifact, tags) -> {
            artifact.platformManifests().forEach(m -> platforms.add(new Task(artifact, m)));
            tags.forEach(tag -> tagging.add(new Task(artifact, tag)));
          });
      run(
          platforms,
          task -> putPlatformManifest(open.get(task.artifact().repository()), task.tag()));
      run(
          tagging,
          task -> put(open.get(task.artifact().repository()), task.artifact(), task.tag()));

      // then their referrers, to the indexes read with the checks, before any moving tag: whoever
      // sees `latest` move finds its SBOM and provenance
      Map<PreparedArtifact, List<PublishRecord.Attached>> attached = new ConcurrentHashMap<>();
      List<Task> attaching = new ArrayList<>();
      for (PreparedArtifact artifact : artifacts) {
        if (!artifact.referrers().isEmpty()) {
          attaching.add(new Task(artifact, ""));
        }
      }
      run(
          attaching,
          task -> {
            PreparedArtifact artifact = task.artifact();
            boolean republish = !immutable.containsKey(artifact);
            attached.put(
                artifact,
                attach(open.get(artifact.repository()), signing, artifact, republish, indexes));
            return null;
          });

      // each moving tag looked at again, side by side, just before it moves: signing, tagging and
      // referrers take a while, and a newer release may have moved it since the module's check
      List<Task> toMove = new ArrayList<>();
      for (PreparedArtifact artifact : artifacts) {
        artifact.movingToPush().keySet().forEach(tag -> toMove.add(new Task(artifact, tag)));
      }
      Map<Task, String> before = new ConcurrentHashMap<>();
      run(
          toMove,
          task -> {
            OciRegistry registry = open.get(task.artifact().repository());
            before.put(task, registry.manifestDigest(task.tag()).orElse(""));
            return null;
          });
      MovingTagGuard guard = new MovingTagGuard();
      Map<PreparedArtifact, List<String>> held = new LinkedHashMap<>();
      List<Task> moving = new ArrayList<>();
      for (Task task : toMove) {
        PreparedArtifact artifact = task.artifact();
        String tag = task.tag();
        OciRegistry registry = open.get(artifact.repository());
        String current = before.get(task);
        if (current.equals(artifact.digest())) {
          continue;
        }
        Optional<String> reason =
            call(artifact, () -> guard.holdBack(registry, artifact, tag, current));
        if (reason.isPresent()) {
          info.accept(artifact.repository() + ": " + reason.get());
          held.computeIfAbsent(artifact, a -> new ArrayList<>()).add(tag);
        } else {
          moving.add(task);
        }
      }
      // an index that only moving tags name (<tags>edge</tags>) gets its platform manifests now,
      // when a tag will move to it: had the guard held every tag back, they would stay untagged
      List<Task> movingPlatforms = new ArrayList<>();
      moving.stream()
          .map(Task::artifact)
          .distinct()
          .filter(artifact -> artifact.immutableToPush().isEmpty())
          .forEach(a -> a.platformManifests().forEach(m -> movingPlatforms.add(new Task(a, m))));
      run(
          movingPlatforms,
          task -> putPlatformManifest(open.get(task.artifact().repository()), task.tag()));
      run(moving, task -> put(open.get(task.artifact().repository()), task.artifact(), task.tag()));

      List<PublishRecord> records = new ArrayList<>();
      for (PreparedArtifact artifact : artifacts) {
        List<String> tags = new ArrayList<>(artifact.tags());
        tags.removeAll(held.getOrDefault(artifact, List.of()));
        boolean nothingSent =
            artifact.immutableToPush().isEmpty() && artifact.movingToPush().isEmpty();
        records.add(
            report.published(
                artifact,
                tags,
                nothingSent ? "already published" : "published",
                attached.getOrDefault(artifact, List.of())));
        info.accept(artifact.publishedLine());
      }
      return records;
    } finally {
      open.values().forEach(OciRegistry::close);
    }
  }

  private static void sign(
      ReferrersWriter.BundleMaker signing, PreparedArtifact artifact, Referrer bundle) {
    try {
      signing.make(bundle);
    } catch (IOException e) {
      throw signingFailed(
          artifact,
          e,
          "Nothing of this release was tagged; run the build again, or set sign=false to publish"
              + " unsigned.");
    }
  }

  private static ReleaseException signingFailed(
      PreparedArtifact artifact, IOException e, String outcome) {
    return new ReleaseException(
        artifact.repository() + "@" + artifact.digest() + ": " + e.getMessage() + ". " + outcome,
        e);
  }

  /**
   * Two artifacts of one release under one tag of one repository (an image and a {@code
   * ghcr:artifact} of the same module, both defaulting to the artifactId) would overwrite each
   * other: refused before anything is tagged.
   */
  private static void refuseSharedTags(List<PreparedArtifact> artifacts) {
    Map<String, PreparedArtifact> owners = new LinkedHashMap<>();
    for (PreparedArtifact artifact : artifacts) {
      for (String tag : artifact.tags()) {
        PreparedArtifact other = owners.putIfAbsent(artifact.repository() + ":" + tag, artifact);
        if (other != null && other != artifact && !other.digest().equals(artifact.digest())) {
          throw new ReleaseException(
              other.kind().value()
                  + " '"
                  + other.name()
                  + "' ("
                  + other.project()
                  + ") and "
                  + artifact.kind().value()
                  + " '"
                  + artifact.name()
                  + "' ("
                  + artifact.project()
                  + ") are both to be published as "
                  + artifact.repository()
                  + ":"
                  + tag
                  + ", so one would overwrite the other and nothing of this release was tagged."
                  + " Give one of them its own repository (ghcr.image, ghcr.artifact.repository).");
        }
      }
    }
  }

  /**
   * Two artifacts of one kind under one name, in different repositories: their {@code
   * $GITHUB_OUTPUT} keys ({@code <kind>-<name>-digest}) and, in one module, their record files
   * would overwrite each other, and the deploy signal's images would share a key. The name is the
   * last segment of the repository unless set, so {@code pytoya/linux/installer} and {@code
   * pytoya/windows/installer} meet here.
   */
  private static void refuseSharedNames(List<PreparedArtifact> artifacts) {
    Map<String, PreparedArtifact> owners = new LinkedHashMap<>();
    for (PreparedArtifact artifact : artifacts) {
      PreparedArtifact other =
          owners.putIfAbsent(artifact.kind().value() + " " + artifact.name(), artifact);
      if (other != null && !other.repository().equals(artifact.repository())) {
        throw new ReleaseException(
            other.kind().value()
                + " '"
                + other.name()
                + "' of "
                + other.repository()
                + " ("
                + other.project()
                + ") and of "
                + artifact.repository()
                + " ("
                + artifact.project()
                + ") share a name, so their records and step outputs would overwrite each other;"
                + " nothing of this release was tagged. Give one of them a name of its own"
                + (artifact.kind() == ArtifactKind.CHART
                    ? " (the chart's name in Chart.yaml)."
                    : " (ghcr.name)."));
      }
    }
  }

  /**
   * One platform manifest of an index, put by its digest; for these tasks the "tag" is the
   * manifest's base64, as {@link PreparedArtifact#platformManifests()} carries it.
   */
  private static Void putPlatformManifest(OciRegistry registry, String base64) throws IOException {
    byte[] bytes = Base64.getDecoder().decode(base64);
    String mediaType =
        JSON.readTree(bytes).path("mediaType").asText("application/vnd.oci.image.manifest.v1+json");
    registry.putManifest(Sha256.digestOf(bytes), mediaType, bytes);
    return null;
  }

  private static Void put(OciRegistry registry, PreparedArtifact artifact, String tag)
      throws IOException {
    String stored = registry.putManifest(tag, artifact.mediaType(), artifact.manifestBytes());
    if (!stored.equals(artifact.digest())) {
      throw new IOException(
          "ghcr.io stored " + stored + " under '" + tag + "', expected " + artifact.digest());
    }
    return null;
  }

  /** The artifact's referrers added to its index as read with the tags; what is now listed. */
  private static List<PublishRecord.Attached> attach(
      OciRegistry registry,
      ReferrersWriter.BundleMaker signing,
      PreparedArtifact artifact,
      boolean republish,
      Map<PreparedArtifact, ReferrersIndex> indexes)
      throws IOException {
    byte[] bytes = artifact.manifestBytes();
    Optional<Manifest> subject =
        bytes.length == 0
            ? Optional.empty()
            : Optional.of(new Manifest(bytes, artifact.mediaType(), artifact.digest()));
    return new ReferrersWriter(registry, signing)
            .attach(
                artifact.digest(), subject, artifact.referrers(), republish, indexes.get(artifact))
            .stream()
            .map(a -> new PublishRecord.Attached(a.artifactType(), a.digest(), a.predicateType()))
            .toList();
  }

  /** {@code body} for each task, side by side; the first failure stops the others. */
  private void run(List<Task> tasks, TaskBody body) {
    SIDE_BY_SIDE.map(tasks, task -> call(task.artifact(), () -> body.run(task)));
  }

  private <T> T call(PreparedArtifact artifact, RegistryCall<T> call) {
    try {
      return call.run();
    } catch (SigningException e) {
      throw signingFailed(
          artifact,
          e,
          "Its tags are written; the moving tags were not moved. Run the build again to sign it.");
    } catch (IOException e) {
      String action =
          switch (artifact.kind()) {
            case IMAGE -> "push";
            case CHART -> "chart push";
            case ARTIFACT -> "artifact push";
          };
      throw new ReleaseException(
          FailureMessages.describe(
              e, action, new GhcrReference(artifact.repositoryPath(), null, null), credentials),
          e);
    }
  }

  /** A check task's "tag" that asks for the artifact's referrers index instead. */
  private static final String REFERRERS_INDEX = "";

  private record Task(PreparedArtifact artifact, String tag) {}

  @FunctionalInterface
  private interface TaskBody {
    Void run(Task task) throws IOException;
  }

  @FunctionalInterface
  private interface RegistryCall<T> {
    T run() throws IOException;
  }
}
