package io.github.ghcrtools.examples.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/** The example's web front end: serves the page bundled in {@code static/index.html}. */
public final class WebServer {

  private WebServer() {}

  public static void main(String[] args) throws IOException {
    byte[] page;
    try (InputStream in = WebServer.class.getResourceAsStream("/static/index.html")) {
      page = in.readAllBytes();
    }
    if (args.length > 0 && args[0].equals("--print")) {
      System.out.write(page);
      System.out.flush();
      return;
    }
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    server.start();
    System.out.println("web listening on port " + port);
  }
}
