package io.github.ghcrtools.publish;

import io.github.ghcrtools.core.ci.CiContext;
import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.credentials.RegistryCredentials;
import io.github.ghcrtools.core.reactor.SkipNotice;
import io.github.ghcrtools.core.record.PublishRecords;
import io.github.ghcrtools.core.release.PreparedArtifact;
import io.github.ghcrtools.publish.artifact.ArtifactFile;
import io.github.ghcrtools.publish.artifact.ArtifactPublisher;
import io.github.ghcrtools.publish.artifact.ArtifactRequest;
import io.github.ghcrtools.publish.labels.CreationTime;
import io.github.ghcrtools.publish.labels.LabelInputs;
import io.github.ghcrtools.publish.labels.OciLabels;
import io.github.ghcrtools.publish.repository.ImageTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Pushes files of the build as one OCI artifact to {@code ghcr.io/<owner>/<repository>}: an image
 * manifest with its own {@code artifactType}, the empty config and one layer per file, under the
 * tags an image of this version would get. The same rules as {@code ghcr:push}: only on a trusted
 * ref, a version tag on another digest is a conflict, a republish of the same files uploads
 * nothing, the tags are written with the rest of the release, and then the publish record (kind
 * {@code artifact}, which the deploy signal leaves alone), GitHub outputs {@code
 * artifact-<name>-digest|ref|tags} and a step summary row.
 */
@Mojo(name = "artifact", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class ArtifactMojo extends AbstractPublishMojo {

  /**
   * The files to push, one layer each in this order: {@code <file><path>target/x.json</path>
   * <mediaType>application/json</mediaType></file>}, or {@code path:mediaType,...} on the command
   * line. Relative paths start at the project directory.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.artifact.files")
  private List<ArtifactFile> files;

  /**
   * The manifest's {@code artifactType}, a media type naming what the files are together, e.g.
   * {@code application/vnd.acme.installer.v1}. Required.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.artifact.type")
  private String artifactType;

  /**
   * Repository path below the owner ({@code pytoya/installer}) or a full {@code
   * ghcr.io/<owner>/<path>}. Default: the artifactId. In a module that also pushes an image, give
   * the artifact its own path: one tag cannot name both.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.artifact.repository")
  private String repository;

  /**
   * Annotations added to (or, with an empty value, removed from) the manifest's {@code
   * org.opencontainers.image.*} set (POM only).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.artifact.annotations")
  private Map<String, String> annotations;

  /**
   * Skip this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.artifact.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info(SkipNotice.line("ghcr:artifact", "skip", mojoExecution, session));
      return;
    }
    run(
        () -> {
          publishPreflight(null);
          CiContext ci = ci();
          TrustedRef trust = ci.trust(allowLocalPush);
          ImageTarget target = target(trust.trusted(), "repository", repository);
          CreationTime created = creationTime();
          Optional<RegistryCredentials> credentials =
              trust.trusted() ? credentials() : Optional.empty();
          Path buildDirectory = Path.of(project.getBuild().getDirectory());
          Optional<PreparedArtifact> prepared =
              ArtifactPublisher.onGhcr(buildLog(), registryCalls())
                  .prepare(
                      new ArtifactRequest(
                          project.getGroupId() + ":" + project.getArtifactId(),
                          target,
                          artifactType,
                          files,
                          project.getBasedir().toPath(),
                          OciLabels.compute(
                              new LabelInputs(
                                  target.name(),
                                  null,
                                  project.getVersion(),
                                  null,
                                  List.of(),
                                  sourceUrl(),
                                  revision(),
                                  created.instant()),
                              annotations,
                              "annotations"),
                          releaseTags(),
                          trust,
                          credentials,
                          project.getVersion(),
                          revision(),
                          created.instant(),
                          ci.stepSummaryFile(),
                          PublishRecords.recordsDirectory(buildDirectory),
                          scanSettings(),
                          knownSecrets()));
          if (prepared.isPresent()) {
            deliver(prepared.get(), credentials.orElseThrow());
          }
        });
  }

  @Override
  protected String goal() {
    return "artifact";
  }
}
