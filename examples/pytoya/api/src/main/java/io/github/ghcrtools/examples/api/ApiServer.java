package io.github.ghcrtools.examples.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The example's API service: answers {@code GET /api/hello} with a small JSON document. */
public final class ApiServer {

  private ApiServer() {}

  public static void main(String[] args) throws IOException {
    String greeting = "{\"service\":\"api\",\"message\":\"hello from pytoya\"}";
    if (args.length > 0 && args[0].equals("--print")) {
      System.out.println(greeting);
      return;
    }
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/api/hello", exchange -> {
      byte[] body = greeting.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    System.out.println("api listening on port " + port);
  }
}
