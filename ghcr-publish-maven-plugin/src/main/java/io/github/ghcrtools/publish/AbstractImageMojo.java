package io.github.ghcrtools.publish;

import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.failure.UserError;
import io.github.ghcrtools.core.referrers.Attachments;
import io.github.ghcrtools.core.signing.SigstoreInstance;
import io.github.ghcrtools.publish.image.BaseImage;
import io.github.ghcrtools.publish.image.BaseImages;
import io.github.ghcrtools.publish.image.BuildRequest;
import io.github.ghcrtools.publish.image.ContainerSpec;
import io.github.ghcrtools.publish.image.ImagePlatform;
import io.github.ghcrtools.publish.image.ImageSecretScan;
import io.github.ghcrtools.publish.image.MainClassResolver;
import io.github.ghcrtools.publish.image.ProjectFiles;
import io.github.ghcrtools.publish.labels.CreationTime;
import io.github.ghcrtools.publish.labels.LabelInputs;
import io.github.ghcrtools.publish.labels.OciLabels;
import io.github.ghcrtools.publish.repository.ImageTarget;
import io.github.ghcrtools.publish.sbom.ImageSbom;
import io.github.ghcrtools.publish.sbom.MavenFile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.License;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The container parameters of {@code build} and {@code push}, which must describe the very same
 * image: push pushes the archive build wrote in the same Maven run, or builds it again when there
 * is none, and the digest must not depend on which.
 */
abstract class AbstractImageMojo extends AbstractPublishMojo {

  /**
   * Image path below the owner ({@code api}, {@code pytoya/api}) or a full {@code
   * ghcr.io/<owner>/<path>}. Default: the artifactId.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.image")
  protected String image;

  /**
   * Base image: {@code scratch} (default), {@code tar://path} or a path ending in {@code .tar}
   * (docker save or OCI layout archive), an OCI layout directory, or a ghcr.io image, best pinned
   * by digest. No other registry.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.baseImage", defaultValue = "scratch")
  protected String baseImage;

  /**
   * Platforms to build, {@code os/architecture[/variant]}, e.g. {@code linux/amd64} and {@code
   * linux/arm64}. Two or more publish one OCI image index (one image per platform, from a
   * multi-platform base) whose digest every tag, record and signal carries; one or none builds a
   * plain image (default linux/amd64).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.platforms")
  protected List<String> platforms;

  /**
   * Main class. Default: Main-Class of the project's jar manifest.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.mainClass")
  protected String mainClass;

  /**
   * JVM flags placed before {@code -cp} in the entrypoint.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.jvmFlags")
  protected List<String> jvmFlags;

  /**
   * Program arguments (the image's CMD).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.args")
  protected List<String> args;

  /**
   * Environment variables (POM only).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.environment")
  protected Map<String, String> environment;

  /**
   * Exposed ports: {@code 8080}, {@code 9000/udp}, {@code 7000-7002}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.ports")
  protected List<String> ports;

  /**
   * User (and group) the container runs as, e.g. {@code 1000:1000}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.user")
  protected String user;

  /**
   * Working directory in the image (absolute).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.workingDirectory")
  protected String workingDirectory;

  /**
   * Where classes, resources and libs go in the image.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.appRoot", defaultValue = "/app")
  protected String appRoot;

  /**
   * Directories copied to the image root. A missing directory is skipped.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.extraDirectories", defaultValue = "${project.basedir}/src/main/jib")
  protected List<File> extraDirectories;

  /**
   * Labels added to (or, with an empty value, removed from) the OCI labels (POM only).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.labels")
  protected Map<String, String> labels;

  /**
   * Jib's base image layer cache. Default: Jib's own, in the user cache directory.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.baseImageCache")
  protected File baseImageCache;

  /**
   * Writes a CycloneDX 1.6 SBOM of the image to {@code target/ghcr/<name>.cdx.json} and, on push,
   * attaches it to the image on ghcr.io (referrers tag {@code sha256-<hex>}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.sbom", defaultValue = "true")
  protected boolean sbom = true;

  /**
   * On push, attaches SLSA v1 provenance (an in-toto statement, unsigned) to the image on ghcr.io.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.provenance", defaultValue = "true")
  protected boolean provenance = true;

  /**
   * The policy checks of the image goals: those every publishing goal shares, with the {@code
   * platforms} to build.
   *
   * @return the platforms to build, empty for Jib's default
   */
  protected final List<ImagePlatform> imagePreflight() {
    return publishPreflight(this.platforms);
  }

  /**
   * @param target where the image goes
   * @param platforms the platforms from the preflight
   * @param baseCredentials ghcr.io credentials for a private ghcr.io base image
   */
  protected final BuildRequest buildRequest(
      ImageTarget target,
      List<ImagePlatform> platforms,
      Optional<RegistryCredentials> baseCredentials)
      throws IOException {
    Path basedir = project.getBasedir().toPath();
    BaseImage base = BaseImages.parse(baseImage, basedir, getLog()::warn);
    CreationTime created = creationTime();
    getLog().debug("Image creation time " + created.instant() + " from " + created.source());

    List<Path> dependencies = new ArrayList<>();
    List<Path> snapshots = new ArrayList<>();
    for (Artifact artifact : runtimeArtifacts()) {
      (artifact.isSnapshot() ? snapshots : dependencies).add(artifact.getFile().toPath());
    }
    Optional<Path> jar = projectJar();
    ProjectFiles files =
        new ProjectFiles(
            Path.of(project.getBuild().getOutputDirectory()),
            dependencies,
            snapshots,
            jar,
            extraDirectories == null
                ? List.of()
                : extraDirectories.stream().filter(Objects::nonNull).map(File::toPath).toList());

    LabelInputs labelInputs =
        new LabelInputs(
            project.getName() == null || project.getName().isBlank()
                ? project.getArtifactId()
                : project.getName(),
            project.getDescription(),
            project.getVersion(),
            project.getUrl(),
            project.getLicenses().stream()
                .map(License::getName)
                .filter(n -> n != null && !n.isBlank())
                .toList(),
            sourceUrl(),
            revision(),
            created.instant());
    ContainerSpec spec =
        new ContainerSpec(
            base,
            MainClassResolver.resolve(mainClass, jar),
            jvmFlags,
            args,
            environment,
            ports,
            user,
            workingDirectory,
            appRoot,
            OciLabels.compute(labelInputs, labels),
            created.instant(),
            platforms);
    return secretScanned(
        new BuildRequest(
            target,
            releaseTags(),
            spec,
            files,
            basedir,
            Path.of(project.getBuild().getDirectory()),
            baseCredentials,
            toolVersion(),
            Optional.ofNullable(baseImageCache).map(File::toPath)));
  }

  /**
   * The secret-scan gate ({@link ImageSecretScan}) on what the request puts into the image, before
   * anything is built or sent; the known secrets are this build's tokens and registry password.
   */
  private BuildRequest secretScanned(BuildRequest request) throws IOException {
    ImageSecretScan.check(request, scanSettings(), knownSecrets(), buildLog());
    return request;
  }

  /** The compile and runtime dependencies that go into {@code <appRoot>/libs}. */
  private List<Artifact> runtimeArtifacts() {
    List<Artifact> artifacts = new ArrayList<>();
    for (Artifact artifact : project.getArtifacts()) {
      if (artifact.getFile() == null || !artifact.getArtifactHandler().isAddedToClasspath()) {
        continue;
      }
      String scope = artifact.getScope();
      if (!(Artifact.SCOPE_COMPILE.equals(scope) || Artifact.SCOPE_RUNTIME.equals(scope))) {
        continue;
      }
      if (Files.isDirectory(artifact.getFile().toPath())) {
        throw new UserError(
            "Dependency "
                + artifact.getId()
                + " resolves to the directory "
                + artifact.getFile().getName()
                + " (a reactor module that is not packaged); run the goal in the package phase or later.");
      }
      artifacts.add(artifact);
    }
    return artifacts;
  }

  /** The image's SBOM, when {@code sbom} is on: {@code target/ghcr/<name>.cdx.json}. */
  protected final Optional<ImageSbom> imageSbom(ImageTarget target, BuildRequest build) {
    if (!sbom) {
      return Optional.empty();
    }
    List<MavenFile> jars =
        runtimeArtifacts().stream()
            .map(
                a ->
                    new MavenFile(
                        a.getGroupId(),
                        a.getArtifactId(),
                        a.getBaseVersion(),
                        a.getClassifier(),
                        a.getType(),
                        a.getFile().toPath()))
            .toList();
    return Optional.of(
        new ImageSbom(
            target.repository().repositoryName(),
            new MavenFile(
                project.getGroupId(),
                project.getArtifactId(),
                project.getVersion(),
                null,
                project.getPackaging(),
                null),
            jars,
            build.spec().appRoot(),
            build.files().extraDirectories(),
            build.spec().baseImage(),
            build.spec().creationTime(),
            build.archive().resolveSibling(target.name() + ".cdx.json")));
  }

  /**
   * What a push attaches to the image: its SBOM, its provenance and, when {@code signing} names a
   * Sigstore instance, the bundles that sign both.
   */
  protected final Attachments attachments(
      ImageTarget target, BuildRequest build, Optional<SigstoreInstance> signing) {
    Optional<ImageSbom> imageSbom = imageSbom(target, build);
    return Attachments.of(
        digest ->
            imageSbom.isPresent()
                ? Optional.of(imageSbom.get().write(digest, runShared()))
                : Optional.empty(),
        provenance,
        build.archive().resolveSibling(target.name() + ".provenance.json"),
        build.basedir(),
        processEnvironment(),
        toolVersion(),
        build.spec().creationTime(),
        session == null ? java.time.Instant.now() : session.getRequest().getStartTime().toInstant(),
        signing);
  }

  /** The packaged jar: the project artifact when packaged, else {@code target/<finalName>.jar}. */
  private Optional<Path> projectJar() {
    File file = project.getArtifact() == null ? null : project.getArtifact().getFile();
    if (file != null && file.isFile() && file.getName().endsWith(".jar")) {
      return Optional.of(file.toPath());
    }
    Path guess =
        Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + ".jar");
    return Files.isRegularFile(guess) ? Optional.of(guess) : Optional.empty();
  }

  /**
   * Credentials for pulling a ghcr.io base image; absent credentials are fine for public images,
   * but a broken settings.xml server fails the build as it would for a push, rather than leaving a
   * private base image to fail later with an unrelated "unauthorized".
   */
  protected final Optional<RegistryCredentials> baseImageCredentials() {
    if (baseImage == null
        || !baseImage.strip().toLowerCase(java.util.Locale.ROOT).startsWith("ghcr.io/")) {
      return Optional.empty();
    }
    return credentials();
  }
}
