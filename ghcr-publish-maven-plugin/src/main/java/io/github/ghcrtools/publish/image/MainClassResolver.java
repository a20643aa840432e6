package io.github.ghcrtools.publish.image;

import io.github.ghcrtools.core.failure.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * Decides the class the container's {@code java} command starts: the {@code mainClass} parameter,
 * else the {@code Main-Class} of the project's jar manifest. Guessing among several candidates
 * would make the entrypoint depend on the classpath, so there is no scan.
 */
public final class MainClassResolver {

  public static final String PARAMETER = "mainClass";
  private static final Pattern JAVA_NAME =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

  private MainClassResolver() {}

  /**
   * @param configured the {@code mainClass} parameter, may be null
   * @param jar the project's jar, when it exists
   */
  public static String resolve(String configured, Optional<Path> jar) {
    if (configured != null && !configured.isBlank()) {
      return check(configured.strip(), "Parameter '" + PARAMETER + "'");
    }
    Optional<String> fromManifest =
        jar.filter(Files::isRegularFile).flatMap(MainClassResolver::manifestMainClass);
    if (fromManifest.isPresent()) {
      return check(fromManifest.get(), "Main-Class in " + jar.get().getFileName());
    }
    throw new UserError(
        "No main class for the image: set <"
            + PARAMETER
            + ">com.example.Main</"
            + PARAMETER
            + "> (or -Dghcr."
            + PARAMETER
            + "=...), or give the jar a Main-Class in its manifest"
            + " (maven-jar-plugin <archive><manifest><mainClass>).");
  }

  static Optional<String> manifestMainClass(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      if (manifest == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(manifest.getMainAttributes().getValue("Main-Class"))
          .map(String::strip)
          .filter(s -> !s.isEmpty());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String check(String mainClass, String source) {
    if (!JAVA_NAME.matcher(mainClass).matches()) {
      throw new UserError(
          source
              + " is '"
              + mainClass
              + "', not a Java class name; write a fully qualified name"
              + " such as com.example.Main.");
    }
    return mainClass;
  }
}
