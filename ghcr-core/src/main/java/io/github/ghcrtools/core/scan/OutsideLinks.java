package io.github.ghcrtools.core.scan;

import io.github.ghcrtools.core.failure.UserError;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * What goes into an artifact stays inside the project: a symbolic link in a directory that is
 * copied into an image or chart must resolve inside that directory. Helm follows a link to any file
 * on the machine with only a warning, and an image layer would take the file it points to; so a
 * link to {@code ~/.docker/config.json} would publish it. Such a link is refused, naming it and its
 * target. This holds whatever {@code secretScan} says.
 */
public final class OutsideLinks {

  private OutsideLinks() {}

  /**
   * Walks {@code root} without following links and refuses the first link that resolves outside it
   * (or, broken, would).
   *
   * @param what the directory as the message names it, e.g. {@code Chart directory
   *     src/main/helm/app}
   * @param parameter the parameter that names the directory
   * @param ignored paths (relative, {@code /}-separated; true for a directory) that are not copied
   *     into the artifact and so are not checked
   * @throws UserError for a link that leaves the directory
   */
  public static void refuse(
      Path root, String what, String parameter, BiPredicate<String, Boolean> ignored)
      throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    Path real = root.toRealPath();
    walk(real, real, what, parameter, ignored);
  }

  private static void walk(
      Path root,
      Path directory,
      String what,
      String parameter,
      BiPredicate<String, Boolean> ignored)
      throws IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(directory)) {
      children = list.sorted().toList();
    }
    for (Path child : children) {
      String relative = root.relativize(child).toString().replace('\\', '/');
      boolean isDirectory = Files.isDirectory(child);
      if (ignored.test(relative, isDirectory)) {
        continue;
      }
      if (Files.isSymbolicLink(child)) {
        Path target = Files.readSymbolicLink(child);
        Path resolved = resolve(child, target);
        if (!resolved.startsWith(root)) {
          throw new UserError(
              what
                  + ": "
                  + relative
                  + " is a symbolic link to "
                  + target
                  + (resolved.equals(target) ? "" : " (" + resolved + ")")
                  + ", outside that directory; what goes into an artifact must stay inside the"
                  + " project. Copy the file into the directory instead of linking to it, or"
                  + " remove the link.",
              parameter,
              null);
        }
      } else if (isDirectory) {
        walk(root, child, what, parameter, ignored);
      }
    }
  }

  /** Where a link ends up, following every link on the way; lexically for a broken link. */
  private static Path resolve(Path link, Path target) throws IOException {
    try {
      return link.toRealPath();
    } catch (FileSystemException e) { // missing target, or a loop of links
      return link.getParent().resolve(target).normalize();
    }
  }
}
