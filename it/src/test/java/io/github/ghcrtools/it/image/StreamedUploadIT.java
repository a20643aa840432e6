package io.github.ghcrtools.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.bench.ScaleReactor;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.HttpFault;
import io.github.ghcrtools.it.standin.HttpFaultPlan;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big layer streams from its archive to the registry (ghcr-core's {@code StreamedBody} over the
 * run's {@code UrlConnectionClient}), never held whole. When the network drops that upload midway,
 * the push says so, sends it again in a new upload session, and the image lands whole: skopeo pulls
 * it and checks every blob's digest.
 */
class StreamedUploadIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final long MB = 1024L * 1024;

  @AfterEach
  void heal() {
    GHCR.standIn().httpFaults(HttpFaultPlan.none());
  }

  @Test
  void aBigLayerDroppedMidUploadIsSentAgainAndLandsWhole(@TempDir Path pulled) throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    ScaleReactor reactor = ScaleReactor.bigLayer(24 * MB, "unused");
    String prefix = "streamed";
    int before = standIn.registryRequests().size();
    // only a body longer than 8 MiB takes the fault: the big layer's PUT, not the small blobs'
    standIn.httpFaults(
        HttpFaultPlan.none().on("PUT", HttpFaultPlan.UPLOAD_CLOSE, 1, HttpFault.dropAfter(8 * MB)));

    MavenResult result =
        MavenRun.of(reactor.project())
            .goals("deploy")
            .env(GitHubEnv.tagPush(reactor.project(), "v1.0.0"))
            .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
            .property("scale.prefix", prefix)
            .property("deploy-signal.skip", "true")
            .mavenOpts(standIn.mavenOpts())
            .run();

    assertTrue(result.succeeded(), result.describe());
    assertEquals(
        List.of(1), List.copyOf(standIn.httpFaultsFired().values()), "the upload was dropped once");
    String repository = GitHubEnv.OWNER + "/" + prefix + "/" + ScaleReactor.imageName(1);
    RegistryView view = new RegistryView(standIn);
    String layer = RegistryView.biggestLayer(view.manifest("ghcr.io/" + repository + ":1.0.0"));
    Matcher retry =
        // HttpURLConnection's words for it
        Pattern.compile(
                "\\[WARNING\\] .*Uploading blob "
                    + layer
                    + " failed \\((IOException: Error writing request body to server"
                    + "|SocketException: [^)]+)\\).*")
            .matcher(result.log());
    assertTrue(retry.find(), "a retry line for the dropped upload:\n" + result.log());
    System.out.println("[streamed-upload] " + retry.group());
    List<RegistryRequest> requests =
        List.copyOf(standIn.registryRequests().subList(before, standIn.registryRequests().size()));
    long completed =
        requests.stream()
            .filter(r -> r.method().equals("PUT") && r.status() == 201)
            .map(r -> URLDecoder.decode(r.path(), StandardCharsets.UTF_8))
            .filter(path -> path.contains("/blobs/uploads/") && path.contains(layer))
            .count();
    assertEquals(1, completed, "the layer's upload completed once, the retry's");

    long size = view.pulledBlobSize("ghcr.io/" + repository + ":1.0.0", pulled, layer);
    assertTrue(size > 24 * MB, "the layer as pulled: " + size);
    standIn.assertOnlyGhcrWasContacted();
  }
}
