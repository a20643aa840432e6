package io.github.ghcrtools.it.standin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts the front's {@code /token} endpoint knows, with what each may do. A user not listed,
 * a wrong password or a malformed header gets no token; a namespace no grant covers ({@code
 * someone-else}) is granted to nobody.
 */
final class StandInUsers {

  private record Account(String password, List<Grant> grants) {}

  private final Map<String, Account> accounts = new ConcurrentHashMap<>();

  void add(String user, String password, List<Grant> grants) {
    if (user.isBlank() || user.contains(":")) {
      throw new IllegalArgumentException("a user name must be non-blank and free of ':'");
    }
    accounts.put(user, new Account(password, List.copyOf(grants)));
  }

  /**
   * The user named by a {@code Basic} header whose password matches, else empty. The password is
   * compared in constant time and never kept, logged or echoed.
   */
  Optional<String> authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String user = decoded.substring(0, colon);
    Account account = accounts.get(user);
    byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    byte[] expected =
        account == null ? new byte[0] : account.password().getBytes(StandardCharsets.UTF_8);
    boolean matches = MessageDigest.isEqual(given, expected);
    return account != null && matches ? Optional.of(user) : Optional.empty();
  }

  /** Actions {@code user} may perform on {@code type:name}; empty for strangers and anonymous. */
  Set<String> actions(String user, String type, String name) {
    Account account = user == null ? null : accounts.get(user);
    Set<String> actions = new LinkedHashSet<>();
    if (account != null) {
      account.grants().stream()
          .filter(g -> g.covers(type, name))
          .forEach(g -> actions.addAll(g.actions()));
    }
    return actions;
  }
}
