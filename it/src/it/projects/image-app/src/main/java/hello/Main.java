package hello;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The app inside the image. Its one output line needs every layer: a class (this one), a
 * resource (the greeting), a dependency (commons-codec), a JVM flag and the image's CMD.
 */
public final class Main {

  /** The ITs edit this word to build different content under the same version. */
  static final String EDITION = "first";

  private Main() {}

  public static void main(String[] args) throws IOException {
    String greeting;
    try (InputStream in = Main.class.getResourceAsStream("/hello/greeting.txt")) {
      if (in == null) {
        throw new IllegalStateException("resource /hello/greeting.txt is not on the classpath");
      }
      greeting = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    String who = args.length > 0 ? args[0] : "nobody";
    String punctuation = System.getProperty("hello.punctuation", "?");
    System.out.println("image-app " + EDITION + " edition: " + greeting + " " + who + punctuation
        + " sha256(" + who + ")=" + DigestUtils.sha256Hex(who).substring(0, 12));
  }
}
