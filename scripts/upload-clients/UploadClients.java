import com.sun.management.OperatingSystemMXBean;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One PUT of a file over TLS in a fresh JVM, the way ghcr-core sends a blob: with the JDK's HTTP
 * client ({@code client}, a body from an InputStream) or over HttpsURLConnection ({@code
 * urlconnection}, 64 KiB writes, on a connection of its own: its TLS handshake is timed). One
 * small request first, as a push makes before its big PUT. Prints the wall time and the process's
 * CPU time of the PUT alone.
 */
public class UploadClients {
  public static void main(String[] args) throws Exception {
    Path keystore = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    Path file = Path.of(args[2]);
    String mode = args[3];
    SSLContext tls = trusting(keystore);
    URI base = URI.create("https://localhost:" + port + "/");
    HttpClient client =
        HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    HttpsURLConnection.setDefaultSSLSocketFactory(tls.getSocketFactory());
    long size = Files.size(file);
    if (mode.equals("client")) {
      client.send(
          HttpRequest.newBuilder(base.resolve("warm")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
          HttpResponse.BodyHandlers.ofString());
    } else {
      HttpsURLConnection warm = (HttpsURLConnection) base.resolve("warm").toURL().openConnection();
      warm.setDoOutput(true);
      warm.setRequestMethod("POST");
      warm.getOutputStream().write('x');
      warm.getInputStream().readAllBytes();
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    String received;
    if (mode.equals("client")) {
      HttpRequest.BodyPublisher body =
          HttpRequest.BodyPublishers.fromPublisher(
              HttpRequest.BodyPublishers.ofInputStream(
                  () -> {
                    try {
                      return Files.newInputStream(file);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  }),
              size);
      received =
          client
              .send(HttpRequest.newBuilder(base.resolve("put")).PUT(body).build(), HttpResponse.BodyHandlers.ofString())
              .body();
    } else {
      HttpsURLConnection put = (HttpsURLConnection) base.resolve("put").toURL().openConnection();
      put.setDoOutput(true);
      put.setRequestMethod("PUT");
      put.setFixedLengthStreamingMode(size);
      put.setRequestProperty("Connection", "close");
      // a factory of its own: the JDK reuses a kept connection only for the same factory, so the
      // PUT opens a new one and its TLS handshake is timed
      put.setSSLSocketFactory(tls.getSocketFactory());
      try (OutputStream out = put.getOutputStream();
          InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
        }
      }
      received = new String(put.getInputStream().readAllBytes());
    }
    if (Long.parseLong(received) != size) {
      throw new IllegalStateException("the server received " + received + " of " + size + " bytes");
    }
    System.out.printf(
        "%s %d %d%n",
        mode, (System.nanoTime() - start) / 1_000_000, (os.getProcessCpuTime() - cpu) / 1_000_000);
  }

  /** A TLS context that trusts the server's key store (made by the script with keytool). */
  static SSLContext trusting(Path keystore) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keystore.toFile())) {
      trusted.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    return tls;
  }
}
