package io.github.ghcrtools.it.sigstore;

/**
 * One request the Sigstore stand-in answered, from its {@code requests.log}.
 *
 * @param status the HTTP status, with {@code grpc-status=N} after it when a gRPC call failed
 */
public record SigstoreRequest(String method, String path, String status) {

  /** The Fulcio call, gRPC over HTTP/2. */
  public static final String FULCIO = "/dev.sigstore.fulcio.v2.CA/CreateSigningCertificate";

  /** GitHub Actions' ID-token request ({@code ACTIONS_ID_TOKEN_REQUEST_URL}). */
  public static final String ID_TOKEN = "/actions-id-token";

  public static final String REKOR_V1 = "/api/v1/log/entries";
  public static final String REKOR_V2 = "/api/v2/log/entries";
  public static final String TSA = "/api/v1/timestamp";

  /** Parses a line {@code METHOD path status[ grpc-status=N]}. */
  static SigstoreRequest parse(String line) {
    String[] words = line.split(" ", 3);
    if (words.length < 3) {
      throw new IllegalStateException("not a request line of the Sigstore stand-in: " + line);
    }
    return new SigstoreRequest(words[0], words[1], words[2]);
  }

  /** True when it was answered with a 2xx status and, for gRPC, status OK. */
  public boolean succeeded() {
    return status.startsWith("2") && !status.contains("grpc-status=");
  }

  @Override
  public String toString() {
    return method + " " + path + " " + status;
  }
}
