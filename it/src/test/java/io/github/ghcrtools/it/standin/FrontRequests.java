package io.github.ghcrtools.it.standin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the ITs count in the front's log: token requests, /v2/ requests with Basic credentials, and
 * paths asked about more than once.
 */
public final class FrontRequests {

  private FrontRequests() {}

  /** The requests the front logged from {@code from} on. */
  public static List<FrontRequest> since(GhcrStandIn standIn, int from) {
    List<FrontRequest> all = standIn.frontRequests();
    return List.copyOf(all.subList(from, all.size()));
  }

  /** Requests to /v2/ carrying Basic credentials, which ghcr.io refuses. */
  public static long basicOnV2(List<FrontRequest> requests) {
    return requests.stream()
        .filter(r -> r.path().startsWith("/v2") && r.auth().equals(FrontRequest.BASIC))
        .count();
  }

  /** Requests to the token service. */
  public static long tokens(List<FrontRequest> requests) {
    return requests.stream().filter(FrontRequest::isToken).count();
  }

  /** Token requests per scope asked for, in scope order. */
  public static Map<String, Long> tokensByScope(List<FrontRequest> requests) {
    return requests.stream()
        .filter(FrontRequest::isToken)
        .collect(Collectors.groupingBy(FrontRequest::scope, TreeMap::new, Collectors.counting()));
  }

  /** Paths HEADed more than once, with how often: a check made twice is a request wasted. */
  public static Map<String, Long> repeatedHeads(List<FrontRequest> requests) {
    Map<String, Long> heads =
        requests.stream()
            .filter(r -> r.method().equals("HEAD"))
            .collect(
                Collectors.groupingBy(FrontRequest::path, TreeMap::new, Collectors.counting()));
    heads.values().removeIf(count -> count < 2);
    return heads;
  }

  /**
   * {@code method path status auth} per request, with upload session ids (random per upload) as
   * {@code <session>}, so a run's requests can be compared with an exact list.
   */
  public static List<String> lines(List<FrontRequest> requests) {
    return requests.stream()
        .map(r -> r.line().replaceAll("/blobs/uploads/[^/ ]+", "/blobs/uploads/<session>"))
        .toList();
  }
}
