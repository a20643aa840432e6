package io.github.ghcrtools.it.standin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one user of the front may do with the resources whose name matches {@code names}: the {@code
 * /token} endpoint grants the intersection of the requested actions with these.
 *
 * @param type resource type of a token scope, {@code repository} or {@code registry}
 * @param names whole-name pattern, e.g. {@code acme/.+}
 * @param actions e.g. {@code pull}, {@code push}; {@code *} for the catalog
 */
public record Grant(String type, Pattern names, Set<String> actions) {

  public Grant {
    actions = Set.copyOf(actions);
  }

  /** {@code actions} on every repository under the owners listed, nested paths included. */
  public static Grant owners(List<String> owners, String... actions) {
    String alternatives = String.join("|", owners.stream().map(Pattern::quote).toList());
    return new Grant(
        "repository",
        Pattern.compile("(?:" + alternatives + ")/.+"),
        new LinkedHashSet<>(List.of(actions)));
  }

  /** {@code registry:catalog:*}, which distribution demands for {@code /v2/_catalog}. */
  public static Grant catalog() {
    return new Grant("registry", Pattern.compile("catalog"), Set.of("*"));
  }

  boolean covers(String type, String name) {
    return this.type.equals(type) && names.matcher(name).matches();
  }
}
