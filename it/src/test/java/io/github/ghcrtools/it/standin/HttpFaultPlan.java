package io.github.ghcrtools.it.standin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * HTTP faults the front injects, per request pattern: "the next N requests with this method and a
 * path matching this regex get this fault". Rules are tried in order; the first with firings left
 * takes the request. Each rule counts how often it fired, so a test can prove its fault happened.
 *
 * <pre>{@code
 * standIn.httpFaults(HttpFaultPlan.none()
 *     .on("PUT", HttpFaultPlan.UPLOAD_CLOSE, 1, HttpFault.blobUploadUnknown())
 *     .on("GET", "/v2/acme/.+/manifests/.+", 2, HttpFault.status(502)));
 * }</pre>
 */
public final class HttpFaultPlan {

  /** Path of the PUT that closes a blob upload (and of the PATCHes before it). */
  public static final String UPLOAD_CLOSE = "/v2/.+/blobs/uploads/.+";

  private final List<Rule> rules;

  private HttpFaultPlan(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** No faults (the default). */
  public static HttpFaultPlan none() {
    return new HttpFaultPlan(List.of());
  }

  /**
   * This plan plus a rule: the next {@code times} requests with {@code method} ({@code *} or {@code
   * null}: any) whose path (no query) matches {@code pathRegex} as a whole get {@code fault}.
   */
  public HttpFaultPlan on(String method, String pathRegex, int times, HttpFault fault) {
    List<Rule> more = new ArrayList<>(rules);
    more.add(new Rule(method == null ? "*" : method, Pattern.compile(pathRegex), times, fault));
    return new HttpFaultPlan(more);
  }

  /**
   * The fault for this request, counted as fired; empty when no rule with firings left matches.
   *
   * @param bodyBytes the request's {@code Content-Length}, -1 when it has none
   */
  Optional<HttpFault> take(String method, String path, long bodyBytes) {
    for (Rule rule : rules) {
      if (rule.matches(method, path, bodyBytes) && rule.take()) {
        return Optional.of(rule.fault);
      }
    }
    return Optional.empty();
  }

  /** How often each rule fired, in rule order. */
  public List<Integer> fired() {
    return rules.stream().map(rule -> rule.fired.get()).toList();
  }

  /** How often each rule fired, keyed by a description such as {@code PUT /v2/.+ x1 -> 502}. */
  public Map<String, Integer> firedByRule() {
    Map<String, Integer> fired = new LinkedHashMap<>();
    rules.forEach(rule -> fired.merge(rule.toString(), rule.fired.get(), Integer::sum));
    return fired;
  }

  private static final class Rule {
    private final String method;
    private final Pattern path;
    private final int times;
    private final HttpFault fault;
    private final AtomicInteger fired = new AtomicInteger();

    Rule(String method, Pattern path, int times, HttpFault fault) {
      this.method = method;
      this.path = path;
      this.times = times;
      this.fault = fault;
    }

    boolean matches(String requestMethod, String requestPath, long bodyBytes) {
      return ("*".equals(method) || method.equalsIgnoreCase(requestMethod))
          && path.matcher(requestPath).matches()
          && (fault.kind() != HttpFault.Kind.DROP || bodyBytes > fault.afterBytes());
    }

    boolean take() {
      return fired.getAndUpdate(n -> n < times ? n + 1 : n) < times;
    }

    @Override
    public String toString() {
      return method + " " + path.pattern() + " x" + times + " -> " + fault;
    }
  }
}
