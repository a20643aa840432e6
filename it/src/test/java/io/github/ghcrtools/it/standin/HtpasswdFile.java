package io.github.ghcrtools.it.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes the registry's htpasswd file. Distribution accepts bcrypt entries only, and neither the
 * JDK nor openssl has bcrypt; Apache's {@code htpasswd} would need one more package. The system's
 * {@code crypt(3)} (libxcrypt, present on every Debian through the essential packages) does bcrypt
 * ({@code $2b$}), and perl, also essential, exposes it: so the hash comes from perl's
 * {@code crypt}, with a salt drawn here from {@link SecureRandom}. No cryptography is written here.
 */
final class HtpasswdFile {

  private static final String BCRYPT_ALPHABET =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  /** The 22nd salt character carries only 2 bits; these are the canonical ones. */
  private static final String BCRYPT_LAST_SALT_CHAR = ".Oeu";
  /** Low cost: the registry checks the hash on every request, and this password is throw-away. */
  private static final String BCRYPT_PREFIX = "$2b$05$";

  private HtpasswdFile() {}

  /** Writes {@code file} with one bcrypt entry for {@code user}. */
  static void write(Path file, String user, String password) {
    if (user.contains(":") || user.isBlank()) {
      throw new IllegalArgumentException("htpasswd user must be non-blank without ':'");
    }
    String hash = bcrypt(password, file.getParent());
    try {
      Files.writeString(file, user + ":" + hash + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the registry's htpasswd file", e);
    }
  }

  private static String bcrypt(String password, Path workDir) {
    ProcessResult result = ExternalCommand.run(
        List.of("perl", "-e", "print crypt($ENV{STANDIN_PASSWORD}, $ENV{STANDIN_SALT})"),
        Map.of("STANDIN_PASSWORD", password, "STANDIN_SALT", BCRYPT_PREFIX + salt()),
        workDir, Duration.ofSeconds(30));
    String hash = result.stdout().trim();
    if (!result.succeeded() || !hash.startsWith(BCRYPT_PREFIX) || hash.length() != 60) {
      throw new IllegalStateException("perl's crypt() did not return a bcrypt hash (exit "
          + result.exitCode() + ", " + result.stderr().trim() + "): the system libcrypt must be "
          + "libxcrypt with bcrypt support, as on Debian 12");
    }
    return hash;
  }

  private static String salt() {
    SecureRandom random = new SecureRandom();
    StringBuilder salt = new StringBuilder(22);
    for (int i = 0; i < 21; i++) {
      salt.append(BCRYPT_ALPHABET.charAt(random.nextInt(BCRYPT_ALPHABET.length())));
    }
    salt.append(BCRYPT_LAST_SALT_CHAR.charAt(random.nextInt(BCRYPT_LAST_SALT_CHAR.length())));
    return salt.toString();
  }
}
