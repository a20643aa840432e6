package io.github.ghcrtools.publish;

import io.github.ghcrtools.core.reactor.GoalRegistryCalls;
import io.github.ghcrtools.core.reactor.PluginUse;
import io.github.ghcrtools.core.reactor.SkipNotice;
import io.github.ghcrtools.core.sbom.SbomDocument;
import io.github.ghcrtools.publish.image.BuildRequest;
import io.github.ghcrtools.publish.image.ImageBuilder;
import io.github.ghcrtools.publish.image.ImagePlatform;
import io.github.ghcrtools.publish.push.ClientWarmUp;
import io.github.ghcrtools.publish.repository.ImageTarget;
import io.github.ghcrtools.publish.sbom.ImageSbom;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the project's image with Jib core into {@code target/ghcr/<name>.tar} (OCI layout) and
 * records its digest in {@code target/ghcr-publish/build/}. No network, except pulling a base image
 * the policy allows and, in a trusted run that pushes next, fetching the push's token while the
 * image is built; runs on pull requests too, so they are checked without pushing.
 */
@Mojo(
    name = "build",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class BuildMojo extends AbstractImageMojo {

  /**
   * Skip this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ghcr.build.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info(SkipNotice.line("ghcr:build", "skip", mojoExecution, session));
      return;
    }
    run(
        () -> {
          boolean warmUp =
              session != null
                  && ClientWarmUp.worthwhile(session.getGoals(), ci().trust(allowLocalPush));
          // the run's HTTP client, TLS and JSON while the image is checked or built: an
          // up-to-date image is checked in a few tenths of a second, so they start first
          CompletableFuture<HttpClient> client =
              warmUp
                  ? ClientWarmUp.startTransport(GoalRegistryCalls.transport(session))
                  : CompletableFuture.completedFuture(null);
          if (warmUp) {
            ClientWarmUp.startJson();
          }
          List<ImagePlatform> platforms = imagePreflight();
          ImageTarget target =
              ImageTarget.resolveForLocalBuild(
                  image, owner, name, project.getArtifactId(), processEnvironment());
          BuildRequest request = buildRequest(target, platforms, baseImageCredentials());
          if (warmUp) {
            // the policy checks and the secret scan have passed: the push's token may be asked
            pushToken(request).ifPresent(token -> ClientWarmUp.startToken(token, client));
          }
          Optional<ImageSbom> sbom = imageSbom(target, request);
          if (sbom.isPresent() && !Files.exists(sbom.get().file())) {
            // a first build: the schema compiles while the image is built (a warm build keeps its
            // SBOM and needs no schema, and the CPU is the build's)
            SbomDocument.warmUp(runShared());
          }
          ImageBuilder.Outcome built =
              new ImageBuilder(buildLog(), Optional.empty(), this::registryCalls)
                  .ensureBuilt(request);
          if (sbom.isPresent()) {
            Path file = sbom.get().write(built.digest(), runShared());
            getLog().info("SBOM " + request.basedir().relativize(file) + " (CycloneDX 1.6)");
          }
        });
  }

  /**
   * The token {@code ghcr:push} asks for first: its repository and credentials, as the push
   * resolves them. Empty when this project runs no push (none named on the command line, none bound
   * in its POM), when the push is skipped (by property or in the POM), or when the push would stop
   * before its first request (no tags, no repository, no credentials, a {@code ghcr.sign} it
   * refuses): it reports that itself.
   */
  private Optional<ClientWarmUp.FirstToken> pushToken(BuildRequest request) {
    String key = plugin == null ? null : plugin.getPluginLookupKey();
    boolean bound = PluginUse.pushes(project, key);
    Map<String, String> properties = properties();
    Map<String, String> settings =
        ClientWarmUp.withPushConfiguration(
            properties,
            PluginUse.pushParameter(project, key, "skip", properties),
            PluginUse.pushParameter(project, key, "sign", properties));
    if (!ClientWarmUp.pushFollows(session.getGoals(), bound, settings, processEnvironment())) {
      return Optional.empty();
    }
    try {
      ImageTarget pushed = target(true, "image", image);
      request.tags().required(pushed.repository().repositoryName(), project.getVersion());
      return credentials()
          .map(
              credentials ->
                  new ClientWarmUp.FirstToken(pushed.repository(), credentials, registryCalls()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  protected String goal() {
    return "build";
  }
}
