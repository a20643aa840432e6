import com.sun.management.OperatingSystemMXBean;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * Many small requests over TLS in a fresh JVM, as a release sends them: two at a time, two HEADs
 * for each 700-byte PUT, a bearer token on each, with the JDK's HTTP client ({@code client}) or
 * over HttpsURLConnection with kept connections ({@code urlconnection}). The clock starts before
 * the client is made, so its setup counts. Prints the wall time and the process's CPU time.
 */
public class SmallRequests {
  public static void main(String[] args) throws Exception {
    Path keystore = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    String mode = args[2];
    int count = Integer.parseInt(args[3]);
    SSLContext tls = UploadClients.trusting(keystore);
    URI base = URI.create("https://localhost:" + port + "/");
    String bearer = "Bearer " + "t".repeat(64);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    HttpClient client =
        mode.equals("client")
            ? HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build()
            : null;
    HttpsURLConnection.setDefaultSSLSocketFactory(tls.getSocketFactory());
    byte[] small = new byte[700];
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      URI uri = base.resolve("r" + i);
      boolean put = i % 3 == 2;
      all.add(
          pool.submit(
              () -> {
                int status;
                if (client != null) {
                  HttpRequest.Builder request =
                      HttpRequest.newBuilder(uri).header("Authorization", bearer);
                  request =
                      put
                          ? request.PUT(HttpRequest.BodyPublishers.ofByteArray(small))
                          : request.method("HEAD", HttpRequest.BodyPublishers.noBody());
                  status =
                      client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                } else {
                  HttpsURLConnection c = (HttpsURLConnection) uri.toURL().openConnection();
                  c.setRequestProperty("Authorization", bearer);
                  c.setInstanceFollowRedirects(false);
                  if (put) {
                    c.setRequestMethod("PUT");
                    c.setDoOutput(true);
                    try (OutputStream out = c.getOutputStream()) {
                      out.write(small);
                    }
                  } else {
                    c.setRequestMethod("HEAD");
                  }
                  status = c.getResponseCode();
                  try (InputStream in = c.getInputStream()) {
                    in.readAllBytes();
                  }
                }
                if (status != 201) {
                  throw new IllegalStateException("status " + status);
                }
                return null;
              }));
    }
    for (Future<?> f : all) {
      f.get();
    }
    pool.shutdown();
    System.out.printf(
        "%s %d %d%n",
        mode, (System.nanoTime() - start) / 1_000_000, (os.getProcessCpuTime() - cpu) / 1_000_000);
  }
}
