package io.github.ghcrtools.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import java.util.concurrent.Flow;

/**
 * A blob's bytes as a request body, read from their source while they are sent: {@link
 * UrlConnectionClient} copies the stream to the connection in 64 KiB writes and closes it, and any
 * other client gets the same bytes as a publisher.
 *
 * <p>The client knows such a body by a JDK type, {@code Callable<InputStream>}, not by this class:
 * each plugin bundles its own copy of ghcr-core, and the run's one client may have been made by
 * another plugin's copy, to which this class is a stranger.
 */
record StreamedBody(BlobContent content, long size)
    implements HttpRequest.BodyPublisher, Callable<InputStream> {

  @Override
  public long contentLength() {
    return size;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(
                () -> {
                  try {
                    return content.open();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }),
            size)
        .subscribe(subscriber);
  }

  /** Opens the bytes for one attempt to send them. */
  @Override
  public InputStream call() throws IOException {
    return content.open();
  }
}
