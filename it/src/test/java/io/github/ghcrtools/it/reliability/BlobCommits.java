package io.github.ghcrtools.it.reliability;

import io.github.ghcrtools.it.standin.RegistryRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob uploads the registry completed, counted from its access log: the {@code PUT} that closes an
 * upload session ({@code ?digest=}), a monolithic {@code POST ?digest=} and a cross-repository
 * mount, each answered 201. A client that checks a blob with HEAD before sending it again completes
 * each blob at most once per repository, however often its connections are cut.
 */
final class BlobCommits {

  private static final Pattern UPLOAD = Pattern.compile("^/v2/(.+)/blobs/uploads/[^?]*\\?(.*)$");
  private static final Pattern DIGEST_PARAMETER =
      Pattern.compile("(?:^|&)(?:digest|mount)=([^&]+)");

  private BlobCommits() {}

  /** "repository@digest" → completed uploads, for every blob completed at least once. */
  static Map<String, Integer> count(List<RegistryRequest> requests) {
    Map<String, Integer> commits = new TreeMap<>();
    for (RegistryRequest request : requests) {
      if (request.status() != 201
          || !(request.method().equals("PUT") || request.method().equals("POST"))) {
        continue;
      }
      Matcher upload = UPLOAD.matcher(request.path());
      if (!upload.matches()) {
        continue;
      }
      Matcher digest = DIGEST_PARAMETER.matcher(upload.group(2));
      if (digest.find()) {
        String blob = URLDecoder.decode(digest.group(1), StandardCharsets.UTF_8);
        commits.merge(upload.group(1) + "@" + blob, 1, Integer::sum);
      }
    }
    return commits;
  }

  /** The blobs completed more than once in the same repository. */
  static Map<String, Integer> repeated(List<RegistryRequest> requests) {
    Map<String, Integer> repeated = new TreeMap<>(count(requests));
    repeated.values().removeIf(n -> n < 2);
    return repeated;
  }
}
