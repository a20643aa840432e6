package io.github.ghcrtools.deploy.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ghcrtools.core.ci.TrustedRef;
import io.github.ghcrtools.core.github.GitHubOutputs;
import io.github.ghcrtools.core.github.StepSummary;
import io.github.ghcrtools.core.record.ArtifactKind;
import io.github.ghcrtools.core.record.PublishRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The deploy signal as a plain service: validate the records, write what would be (or is) sent, and
 * run the runner-local script once — or, on an untrusted ref, nothing at all.
 */
public final class DeploySignal {

  /** Everything the signal needs, gathered by the Mojo. */
  public record Request(
      List<PublishRecord> records,
      String chartName,
      String script,
      boolean dryRun,
      TrustedRef trust,
      boolean failOnUntrusted,
      boolean allowNoImages,
      Path outputDirectory,
      Optional<Path> gitHubOutput,
      Optional<Path> stepSummary) {}

  /** What happened, for the Mojo's last log line and for tests. */
  public enum Outcome {
    SENT,
    DRY_RUN,
    SKIPPED_UNTRUSTED
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The last check before anything is written or sent, once the inputs are known to be good (the
   * signature check: it reads the registry, which a refused input must never cause).
   */
  @FunctionalInterface
  public interface Gate {
    void check(List<PublishRecord> release);
  }

  private final ScriptRunner runner;
  private final Consumer<String> info;
  private final Gate gate;

  public DeploySignal(ScriptRunner runner, Consumer<String> info) {
    this(runner, info, release -> {});
  }

  public DeploySignal(ScriptRunner runner, Consumer<String> info, Gate gate) {
    this.runner = runner;
    this.info = info;
    this.gate = gate;
  }

  public Outcome send(Request request) {
    if (!request.trust().trusted()) {
      if (request.failOnUntrusted()) {
        throw new SignalException("Deploy signal refused: " + request.trust().reason());
      }
      info.accept("Deploy signal skipped: " + request.trust().reason());
      return Outcome.SKIPPED_UNTRUSTED;
    }
    Release release = ReleaseAssembler.assemble(request.records(), request.chartName());
    if (release.images().isEmpty() && !request.allowNoImages()) {
      throw new SignalException(
          "Deploy signal not sent: the release has no image, so "
              + release.chart()
              + " "
              + release.chartVersion()
              + " would be deployed with --images '{}'. Check that the image modules ran"
              + " ghcr:push in this build, or set -Ddeploy-signal.allowNoImages=true to deploy the chart alone.");
    }
    SignalCommand command = SignalCommand.of(request.script(), release);
    if (!request.dryRun()) {
      // release.json and the outputs say what was sent: nothing is, when the script cannot run
      runner.checkRunnable(command);
    }
    gate.check(inRelease(request.records(), release));
    writeRelease(request.outputDirectory(), release);
    writeGitHubOutputs(request, release);
    if (request.dryRun()) {
      write(request.outputDirectory().resolve("command.txt"), command.shellQuoted() + "\n");
      info.accept("Dry run, the deploy signal would be: " + command.shellQuoted());
      return Outcome.DRY_RUN;
    }
    info.accept("Sending deploy signal: " + command.shellQuoted());
    runner.run(command);
    info.accept(
        "Deploy signal sent: "
            + release.chart()
            + " "
            + release.chartVersion()
            + " with "
            + release.images().size()
            + " image(s)");
    return Outcome.SENT;
  }

  private static void writeRelease(Path directory, Release release) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("chart", release.chart());
    json.put("chartVersion", release.chartVersion());
    json.put("images", release.images());
    json.put("revision", release.revision());
    try {
      write(directory.resolve("release.json"), JSON.writeValueAsString(json) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeGitHubOutputs(Request request, Release release) {
    // the deploy- prefix keeps these apart from helm-oci's chart-<name>-* and ghcr's image-<name>-*
    // keys
    request
        .gitHubOutput()
        .ifPresent(
            file ->
                GitHubOutputs.append(
                    file,
                    Map.of(
                        "deploy-chart", release.chart(),
                        "deploy-chart-version", release.chartVersion(),
                        "deploy-images", SignalCommand.imagesJson(release))));
    request
        .stepSummary()
        .ifPresent(
            file -> {
              List<List<String>> rows = new ArrayList<>();
              rows.add(List.of("chart", release.chart() + ":" + release.chartVersion()));
              release.images().forEach((name, reference) -> rows.add(List.of(name, reference)));
              StepSummary.appendTable(
                  file,
                  request.dryRun() ? "Deploy signal (dry run)" : "Deploy signal",
                  List.of("name", "reference"),
                  rows);
            });
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The records of what the signal deploys: every image and the chosen chart. */
  private static List<PublishRecord> inRelease(List<PublishRecord> records, Release release) {
    return records.stream()
        .distinct()
        .filter(
            r ->
                r.kind() == ArtifactKind.IMAGE
                    || (r.kind() == ArtifactKind.CHART
                        && release.chart().equals("oci://" + r.repository())
                        && release.chartVersion().equals(r.version())))
        .toList();
  }
}
