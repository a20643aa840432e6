package io.github.ghcrtools.deploy.signal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The deploy script runs with the runner's rights and receives the release: it must be a file only
 * its owner can change. Refused: a script writable by group or others, a script in a folder that
 * others may write to without the sticky bit (anyone could replace it), and a script owned by
 * neither the runner's user nor root. Each refusal names the path and the command that fixes it.
 */
final class ScriptTrust {

  private static final int GROUP_WRITE = 0020;
  private static final int OTHERS_WRITE = 0002;
  private static final int STICKY = 01000;

  private ScriptTrust() {}

  /**
   * @param runnerUser the user the build runs as ({@code user.name})
   * @throws SignalException naming the path and the fix when anyone but its owner could change it
   */
  static void check(Path script, String runnerUser) {
    Path file = script.toAbsolutePath().normalize();
    int mode = mode(file);
    if ((mode & (GROUP_WRITE | OTHERS_WRITE)) != 0) {
      throw new SignalException(
          "Deploy script "
              + file
              + " is writable by "
              + ((mode & OTHERS_WRITE) != 0 ? "others" : "its group")
              + " (mode "
              + octal(mode)
              + "), so anyone could change what the deploy runs: chmod go-w "
              + file);
    }
    Path folder = file.getParent();
    int folderMode = mode(folder);
    if ((folderMode & OTHERS_WRITE) != 0 && (folderMode & STICKY) == 0) {
      throw new SignalException(
          "Deploy script "
              + file
              + " lies in "
              + folder
              + ", which others may write to (mode "
              + octal(folderMode)
              + "), so anyone could replace the script: chmod o-w "
              + folder
              + ", or move the script to a folder of the runner's user");
    }
    String owner = owner(file);
    if (!owner.equals(runnerUser) && !owner.equals("root")) {
      throw new SignalException(
          "Deploy script "
              + file
              + " is owned by "
              + owner
              + ", neither the runner's user ("
              + runnerUser
              + ") nor root: chown "
              + runnerUser
              + " "
              + file);
    }
  }

  private static int mode(Path path) {
    try {
      return ((Number) Files.getAttribute(path, "unix:mode")).intValue() & 07777;
    } catch (IOException | UnsupportedOperationException e) {
      throw new SignalException(
          "Cannot read the permissions of " + path + " (" + e.getMessage() + ")", e);
    }
  }

  private static String owner(Path path) {
    try {
      return Files.getOwner(path).getName();
    } catch (IOException e) {
      throw new SignalException(
          "Cannot read the owner of " + path + " (" + e.getMessage() + ")", e);
    }
  }

  private static String octal(int mode) {
    return String.format("%04o", mode);
  }
}
