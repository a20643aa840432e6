package io.github.ghcrtools.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ghcrtools.it.bench.ScaleReactor;
import io.github.ghcrtools.it.maven.GitHubEnv;
import io.github.ghcrtools.it.maven.MavenResult;
import io.github.ghcrtools.it.maven.MavenRun;
import io.github.ghcrtools.it.standin.GhcrStandIn;
import io.github.ghcrtools.it.standin.GhcrStandInExtension;
import io.github.ghcrtools.it.standin.RegistryRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: a dependency layer two services of one reactor share reaches ghcr.io once. Modules 1
 * and 2 of the scale reactor depend on the same 4 MiB of jars, module 3 on jars of its own; each
 * image goes to its own repository. Whichever module gets there first uploads the shared layer, the
 * other mounts it ({@code POST ...?mount=&from=}, with a token that may also pull the source), in
 * any completion order: the reactor runs with {@code -T 4} and serially. skopeo then copies the
 * mounting image out of ghcr.io, blob by blob. The whole run sends through one connection pool: it
 * opens about as many tunnels as it has calls in flight at once.
 */
class SharedLayerIT {

  @RegisterExtension static final GhcrStandInExtension GHCR = new GhcrStandInExtension();

  private static final long MB = 1024L * 1024;

  @Test
  void underFourThreadsTheSharedLayerIsUploadedOnceAndMountedOnce(@TempDir Path pulled)
      throws Exception {
    publishAndCheck("shared/t4", List.of("-T", "4"), pulled);
  }

  @Test
  void seriallyTheSharedLayerIsUploadedOnceAndMountedOnce(@TempDir Path pulled) throws Exception {
    publishAndCheck("shared/serial", List.of(), pulled);
  }

  private void publishAndCheck(String prefix, List<String> threads, Path pulled) throws Exception {
    GhcrStandIn standIn = GHCR.standIn();
    ScaleReactor reactor = ScaleReactor.fresh(3, 4 * MB, "unused");
    int before = standIn.registryRequests().size();
    int tunnelsBefore = standIn.proxyConnections().size();
    MavenRun run =
        MavenRun.of(reactor.project())
            .goals("deploy")
            .env(GitHubEnv.tagPush(reactor.project(), "v1.0.0"))
            .env(GitHubEnv.credentials(standIn.username(), standIn.password()))
            .property("scale.prefix", prefix)
            .property("helm-oci.chartsPrefix", prefix + "/charts")
            .property("deploy-signal.dryRun", "true")
            .property("deploy-signal.chart", ScaleReactor.CHARTS.get(0))
            .mavenOpts(standIn.mavenOpts());
    threads.forEach(run::arg);
    MavenResult result = run.run();
    assertTrue(result.succeeded(), result.describe());
    // one connection pool for the run: the tunnels (each a CONNECT and a TLS handshake) follow the
    // calls in flight at once, not the goals and repositories (a client per goal and repository
    // opened 35 here, under -T 4 and serially). The run's client lets 10 calls go at once, as many
    // as the JDK keeps idle connections for its two socket factories; a few more for connections
    // the server ended.
    int tunnels = standIn.proxyConnections().size() - tunnelsBefore;
    int inFlight = 10;
    System.out.println(
        "[shared-layer] "
            + (threads.isEmpty() ? "serially" : String.join(" ", threads))
            + ": "
            + tunnels
            + " tunnels");
    assertTrue(
        tunnels <= inFlight + 3,
        tunnels + " tunnels through the proxy for at most " + inFlight + " calls at once");
    List<RegistryRequest> requests =
        List.copyOf(standIn.registryRequests().subList(before, standIn.registryRequests().size()));

    String[] repos = new String[4];
    String[] layers = new String[4];
    RegistryView view = new RegistryView(standIn);
    for (int module = 1; module <= 3; module++) {
      repos[module] = GitHubEnv.OWNER + "/" + prefix + "/" + ScaleReactor.imageName(module);
      layers[module] =
          RegistryView.biggestLayer(view.manifest("ghcr.io/" + repos[module] + ":1.0.0"));
    }
    assertEquals(layers[1], layers[2], "modules 1 and 2 share their dependency layer");
    String shared = layers[1];

    List<String> uploads = completedUploads(requests, shared);
    assertEquals(1, uploads.size(), "the shared layer is uploaded once: " + uploads);
    String first = uploads.get(0);
    String second = first.equals(repos[1]) ? repos[2] : repos[1];
    assertTrue(first.equals(repos[1]) || first.equals(repos[2]), first);
    List<String> mounts = mounts(requests);
    assertEquals(
        List.of(second + " <- " + shared + " from " + first + ": 201"),
        mounts,
        "one mount, into the repository that did not upload it");
    // and the push log says so, rather than "already present"
    String shortShared = shared.substring(0, "sha256:".length() + 12);
    assertTrue(
        result.log().contains(shortShared + " mounted from ghcr.io/" + first),
        "the mount's log line:\n" + result.log());
    assertTrue(
        result.log().contains("1 mounted from another repository of this run"),
        "the mounting push's summary:\n" + result.log());
    assertEquals(
        List.of(repos[3]),
        completedUploads(requests, layers[3]),
        "module 3's own layer goes to its repository only");

    // the mounted blob is really there: skopeo pulls the whole image from the mounting repository
    long size = view.pulledBlobSize("ghcr.io/" + second + ":1.0.0", pulled, shared);
    assertTrue(size > 4 * MB, "the shared layer as pulled: " + size);
    standIn.assertOnlyGhcrWasContacted();
  }

  /** The repositories in which an upload of {@code digest} completed (a 201 to the PUT). */
  private static List<String> completedUploads(List<RegistryRequest> requests, String digest) {
    List<String> repositories = new ArrayList<>();
    for (RegistryRequest r : requests) {
      String path = decoded(r.path());
      int uploads = path.indexOf("/blobs/uploads/");
      if (r.method().equals("PUT") && r.status() == 201 && uploads > 0 && path.contains(digest)) {
        repositories.add(path.substring("/v2/".length(), uploads));
      }
    }
    return repositories;
  }

  /** Every mount request: {@code target <- digest from source: status}. */
  private static List<String> mounts(List<RegistryRequest> requests) {
    List<String> mounts = new ArrayList<>();
    for (RegistryRequest r : requests) {
      String path = decoded(r.path());
      int query = path.indexOf("?");
      if (!r.method().equals("POST") || query < 0 || !path.contains("mount=")) {
        continue;
      }
      String target = path.substring("/v2/".length(), path.indexOf("/blobs/uploads/"));
      String digest = parameter(path.substring(query + 1), "mount");
      String from = parameter(path.substring(query + 1), "from");
      mounts.add(target + " <- " + digest + " from " + from + ": " + r.status());
    }
    return mounts;
  }

  private static String parameter(String query, String name) {
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return "";
  }

  private static String decoded(String path) {
    return URLDecoder.decode(path, StandardCharsets.UTF_8);
  }
}
