package io.github.ghcrtools.publish.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.BuildRecord;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.registry.RegistryCalls;
import io.github.ghcrtools.publish.progress.BuildLog;
import io.github.ghcrtools.publish.progress.ProgressReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Builds the image into {@code target/ghcr/<name>.tar} (OCI layout) and records what it built. No
 * network except pulling a base image the policy allowed; the digest it reports is the one {@code
 * push} compares with the registry.
 */
public final class ImageBuilder {

  private final BuildLog log;
  private final Optional<Instant> reuseBuildsSince;
  private final Supplier<RegistryCalls> registryCalls;

  /**
   * @param reuseBuildsSince when present, an archive that {@code ghcr:build} wrote since then (in
   *     this Maven run) is reused instead of built again, if its build record still matches it
   * @param registryCalls the goal's registry calls, asked for only when a multi-platform build
   *     reads its ghcr.io base's index
   */
  public ImageBuilder(
      BuildLog log, Optional<Instant> reuseBuildsSince, Supplier<RegistryCalls> registryCalls) {
    this.log = log;
    this.reuseBuildsSince = reuseBuildsSince;
    this.registryCalls = registryCalls;
  }

  /**
   * The image with everything a push needs: the archive of this run when {@code ghcr:build} made or
   * confirmed it, else an up-to-date archive, else a new build.
   */
  public BuiltImage build(BuildRequest request) throws IOException, InterruptedException {
    if (reuseBuildsSince.isPresent()) {
      Optional<BuiltImage> built = builtSince(request, reuseBuildsSince.get());
      if (built.isPresent()) {
        info(
            request,
            "Using "
                + relative(request.basedir(), built.get().archive())
                + " built earlier in this run, "
                + built.get().digest());
        return built.get();
      }
    }
    Optional<String> inputs = BuildInputs.fingerprint(request);
    Optional<String> unchanged = confirm(request, inputs);
    if (unchanged.isPresent()) {
      return archived(request, unchanged.get());
    }
    return rebuild(request, inputs);
  }

  /**
   * What {@code ghcr:build} does: confirms an up-to-date archive without opening it (the {@link
   * ArchiveStamp} beside it), else builds.
   */
  public Outcome ensureBuilt(BuildRequest request) throws IOException, InterruptedException {
    Optional<String> inputs = BuildInputs.fingerprint(request);
    Optional<String> unchanged = confirm(request, inputs);
    return unchanged.isPresent()
        ? new Outcome(unchanged.get(), true)
        : new Outcome(rebuild(request, inputs).digest(), false);
  }

  /**
   * What {@link #ensureBuilt} found or made.
   *
   * @param digest the image's digest
   * @param upToDate true when the archive was kept as it was
   */
  public record Outcome(String digest, boolean upToDate) {}

  /**
   * When the stamp says the archive is what these inputs make and its build record is there, marks
   * the record as confirmed in this run (a later {@code ghcr:push} takes it as this run's) and
   * returns the digest.
   */
  private Optional<String> confirm(BuildRequest request, Optional<String> inputs)
      throws IOException {
    if (inputs.isEmpty()) {
      return Optional.empty();
    }
    Optional<ArchiveStamp> stamp = ArchiveStamp.read(inputsStamp(request));
    Path record =
        PublishRecords.buildRecordFile(
            request.buildRecords(), ArtifactKind.IMAGE, request.target().name());
    if (stamp.isEmpty()
        || !stamp.get().matches(inputs.get(), request.archive())
        || !Files.isRegularFile(record)) {
      return Optional.empty();
    }
    Files.setLastModifiedTime(record, FileTime.from(Instant.now()));
    String digest = stamp.get().digest();
    info(
        request,
        "Image "
            + request.target().repository().repositoryName()
            + " is up to date: "
            + relative(request.basedir(), request.archive())
            + ", "
            + digest);
    return Optional.of(digest);
  }

  private BuiltImage rebuild(BuildRequest request, Optional<String> inputs)
      throws IOException, InterruptedException {
    Path stamp = inputsStamp(request);
    Files.deleteIfExists(stamp);
    BuiltImage built = buildArchive(request);
    if (inputs.isPresent()) {
      ArchiveStamp.of(inputs.get(), built.digest(), built.archive()).write(stamp);
    }
    return built;
  }

  private void info(BuildRequest request, String message) {
    if (log.isInfoEnabled()) {
      log.info(message);
    }
  }

  /** {@code target/ghcr/<name>.inputs}: the {@link ArchiveStamp} of the last build. */
  static Path inputsStamp(BuildRequest request) {
    return request.archive().resolveSibling(request.target().name() + ".inputs");
  }

  private BuiltImage buildArchive(BuildRequest request) throws IOException, InterruptedException {
    ContainerSpec spec = request.spec();
    Path archive = request.archive();
    Files.createDirectories(archive.getParent());
    String archiveTag = request.tags().isEmpty() ? "local" : request.tags().primary();
    String name = request.target().name();
    List<OciImageManifest> manifests = new ArrayList<>();
    String digest;
    if (spec.multiPlatform()) {
      Map<ImagePlatform, BaseImage> bases = BasePlatforms.check(request, registryCalls);
      List<ImageIndexArchive.PlatformImage> images = new ArrayList<>();
      for (ImagePlatform platform : spec.platforms()) {
        Path tar =
            request
                .workDirectory()
                .resolve("platforms")
                .resolve(name + "-" + platform.slug() + ".tar");
        Files.createDirectories(tar.getParent());
        OciImageManifest manifest =
            jibBuild(
                request,
                spec.forPlatform(platform, bases.get(platform)),
                tar,
                archiveTag,
                new ProgressReporter(log, name + " " + platform));
        images.add(new ImageIndexArchive.PlatformImage(platform, tar, manifest));
        manifests.add(manifest);
      }
      digest =
          ImageIndexArchive.write(
              archive,
              images,
              indexAnnotations(spec),
              request.target().tagged(archiveTag).toString());
    } else {
      OciImageManifest manifest =
          jibBuild(request, spec, archive, archiveTag, new ProgressReporter(log, name));
      manifests.add(manifest);
      digest = manifest.digest();
    }
    Path record =
        PublishRecords.writeBuild(
            request.buildRecords(),
            BuildRecord.of(
                ArtifactKind.IMAGE,
                name,
                relative(request.basedir(), archive),
                digest,
                manifests.get(0).configDigest()));
    if (log.isInfoEnabled()) {
      log.info(
          "Built "
              + request.target().repository().repositoryName()
              + " ("
              + spec.baseImage().describe()
              + " base) -> "
              + relative(request.basedir(), archive)
              + ", "
              + digest
              + (spec.multiPlatform()
                  ? ", an index of " + spec.platforms().size() + " platforms " + spec.platforms()
                  : ", " + manifests.get(0).layers().size() + " layers"));
    }
    return new BuiltImage(name, archive, digest, spec.platforms(), manifests, record);
  }

  /** Builds one platform's image with Jib into {@code archive}, checking what Jib reported. */
  private OciImageManifest jibBuild(
      BuildRequest request,
      ContainerSpec spec,
      Path archive,
      String archiveTag,
      ProgressReporter reporter)
      throws IOException, InterruptedException {
    JibContainer container;
    try {
      JibContainerBuilder builder =
          ContainerFactory.create(
              BaseImageSource.start(
                  spec.baseImage(),
                  request.workDirectory(),
                  spec.platform(),
                  request.baseCredentials()),
              spec,
              request.files());
      container =
          builder.containerize(
              Containerizers.toTar(
                  archive, request.target().tagged(archiveTag), request, reporter));
    } catch (RegistryException e) {
      throw new IOException(
          "Pulling base image "
              + spec.baseImage().describe()
              + " failed: "
              + e.getMessage()
              + ". Check <baseImage> and, for a private ghcr.io image, the credentials.",
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("Building the image failed: " + cause.getMessage(), cause);
    } catch (CacheDirectoryCreationException e) {
      throw new IOException("Cannot create Jib's cache directory: " + e.getMessage(), e);
    }
    OciImageManifest manifest = ImageArchives.readOciTar(archive, spec.platform());
    String digest = container.getDigest().toString();
    if (!manifest.digest().equals(digest)) {
      throw new IOException(
          "Jib reported digest "
              + digest
              + " but "
              + archive.getFileName()
              + " holds "
              + manifest.digest());
    }
    return manifest;
  }

  /** The index carries the image's OCI annotations (version, source, revision, created). */
  static Map<String, String> indexAnnotations(ContainerSpec spec) {
    Map<String, String> annotations = new TreeMap<>();
    spec.labels()
        .forEach(
            (key, value) -> {
              if (key.startsWith("org.opencontainers.image.")) {
                annotations.put(key, value);
              }
            });
    return annotations;
  }

  /**
   * The archive and build record {@code ghcr:build} wrote (or confirmed) since {@code since}, when
   * they agree.
   */
  static Optional<BuiltImage> builtSince(BuildRequest request, Instant since) throws IOException {
    Path record =
        PublishRecords.buildRecordFile(
            request.buildRecords(), ArtifactKind.IMAGE, request.target().name());
    if (!Files.isRegularFile(record)
        || Files.getLastModifiedTime(record).toInstant().isBefore(since)) {
      return Optional.empty();
    }
    Optional<ArchiveStamp> stamp = ArchiveStamp.read(inputsStamp(request));
    if (stamp.isPresent() && stamp.get().describes(request.archive())) {
      return Optional.of(archived(request, stamp.get().digest()));
    }
    return existing(request);
  }

  /**
   * The archive of {@code request}, known to hold {@code digest}; its manifest is read when needed.
   */
  private static BuiltImage archived(BuildRequest request, String digest) {
    Path record =
        PublishRecords.buildRecordFile(
            request.buildRecords(), ArtifactKind.IMAGE, request.target().name());
    return new BuiltImage(
        request.target().name(), request.archive(), digest, request.spec().platforms(), record);
  }

  /** The archive and its build record, when both exist and name the same digest. */
  static Optional<BuiltImage> existing(BuildRequest request) throws IOException {
    Path archive = request.archive();
    Path record =
        PublishRecords.buildRecordFile(
            request.buildRecords(), ArtifactKind.IMAGE, request.target().name());
    if (!Files.isRegularFile(archive) || !Files.isRegularFile(record)) {
      return Optional.empty();
    }
    BuildRecord built = PublishRecords.readBuild(record);
    BuiltImage image =
        new BuiltImage(
            request.target().name(), archive, built.digest(), request.spec().platforms(), record);
    try {
      image.manifests();
    } catch (IOException e) {
      return Optional.empty(); // another image, or another kind of archive: build again
    }
    return Optional.of(image);
  }

  static String relative(Path basedir, Path file) {
    return PublishRecords.relative(basedir, file);
  }
}
