import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A TLS server on 127.0.0.1:<port> that reads every request body and answers its length. */
public class UploadServer {
  public static void main(String[] args) throws Exception {
    char[] password = "changeit".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(args[0])) {
      keys.load(in, password);
    }
    KeyManagerFactory managers = KeyManagerFactory.getInstance("SunX509");
    managers.init(keys, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(managers.getKeyManagers(), null, null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 50);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/",
        exchange -> {
          long n = 0;
          byte[] buffer = new byte[64 * 1024];
          try (InputStream body = exchange.getRequestBody()) {
            for (int r = body.read(buffer); r > 0; r = body.read(buffer)) {
              n += r;
            }
          }
          byte[] answer = Long.toString(n).getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(201, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }
}
