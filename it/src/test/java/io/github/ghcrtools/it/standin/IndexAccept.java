package io.github.ghcrtools.it.standin;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ghcr.io's rule for manifest reads of an OCI image index: a {@code GET} or {@code HEAD} whose
 * {@code Accept} does not name {@value #OCI_INDEX} gets 404 {@code MANIFEST_UNKNOWN} "OCI index
 * found, but Accept header does not support OCI indexes", by tag and by digest alike. So a client
 * that checks a multi-platform tag without the index type sees "absent", as it would in production.
 *
 * <p>distribution 2.8 (the registry behind the front) has the same rule in other words ("accept
 * header", lowercase), and answers a {@code HEAD} without a body, so the front cannot tell that
 * refusal from a manifest that is not there. The forwarder therefore asks the registry with the
 * index type added to {@code Accept} (which changes nothing for any other manifest type:
 * distribution looks at that type only for indexes) and answers the refusal itself when the
 * registry's {@code Content-Type} says index.
 */
final class IndexAccept {

  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  private static final Pattern MANIFEST_PATH = Pattern.compile("^/v2/.+/manifests/[^/]+$");

  private IndexAccept() {}

  /**
   * True for a manifest {@code GET} or {@code HEAD} whose {@code Accept} values (null: none) do not
   * name the OCI index type: the request the front must refuse when the manifest is an index.
   */
  static boolean guards(String method, String path, List<String> accept) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return false;
    }
    return MANIFEST_PATH.matcher(path).matches() && !accepts(accept);
  }

  /** True when one of the comma-separated media types names the index, parameters ignored. */
  static boolean accepts(List<String> accept) {
    if (accept == null) {
      return false;
    }
    for (String header : accept) {
      for (String mediaType : header.split(",")) {
        if (isIndex(mediaType)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The {@code Accept} to send to the registry: the client's values and the index type. */
  static String widened(List<String> accept) {
    List<String> values =
        accept == null ? List.of() : accept.stream().filter(v -> !v.isBlank()).toList();
    return values.isEmpty() ? OCI_INDEX : String.join(", ", values) + ", " + OCI_INDEX;
  }

  /** True when a {@code Content-Type} (or one {@code Accept} entry) is the OCI index type. */
  static boolean isIndex(String mediaType) {
    if (mediaType == null) {
      return false;
    }
    int parameters = mediaType.indexOf(';');
    String bare = parameters < 0 ? mediaType : mediaType.substring(0, parameters);
    return bare.strip().toLowerCase(Locale.ROOT).equals(OCI_INDEX);
  }
}
