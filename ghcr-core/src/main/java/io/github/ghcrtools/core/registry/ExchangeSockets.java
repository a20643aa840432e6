package io.github.ghcrtools.core.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS sockets of {@link UrlConnectionClient}, made so that an exchange that runs out of time
 * can be cut. {@code HttpURLConnection} has no limit on a whole exchange, only on each read, and
 * its {@code disconnect()} would wait for the lock a blocked write holds. So the JDK layers TLS
 * over a {@link WatchedSocket} (around the plain socket or the proxy's tunnel), each read or write
 * on which tells the calling thread's {@link Exchange} which socket it is on: a kept connection,
 * made by an earlier exchange, is known as soon as it is used. Closing that socket without
 * lingering ends a blocked read or write at once.
 *
 * <p>One factory serves a whole run: the JDK reuses a kept connection only for the factory that
 * made it.
 */
final class ExchangeSockets extends SSLSocketFactory {

  private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

  private final SSLSocketFactory factory;

  ExchangeSockets(SSLSocketFactory factory) {
    this.factory = factory;
  }

  /**
   * The exchange the calling thread is about to make; {@link Exchange#close()} ends it. The caller
   * may {@link Exchange#abort()} it from another thread.
   */
  static Exchange begin() {
    Exchange exchange = new Exchange();
    CURRENT.set(exchange);
    return exchange;
  }

  /** One request and its response, on whichever socket the JDK picks for it. */
  static final class Exchange implements AutoCloseable {
    private WatchedSocket socket;
    private boolean aborted;
    private boolean over;

    private synchronized void uses(WatchedSocket watched) {
      watched.owner = this;
      if (socket != watched) {
        socket = watched;
        if (aborted) {
          closeHard(watched);
        }
      }
    }

    /**
     * Cuts the exchange: its socket is closed at once, unless another exchange has taken it since
     * (the JDK pools a connection as soon as its answer is read), and so is any it opens later (a
     * connect that outlasted the limit). Returns false when the exchange was over already.
     */
    synchronized boolean abort() {
      if (over) {
        return false;
      }
      aborted = true;
      if (socket != null && socket.owner == this) {
        closeHard(socket);
      }
      return true;
    }

    synchronized boolean aborted() {
      return aborted;
    }

    @Override
    public synchronized void close() {
      over = true;
      if (CURRENT.get() == this) {
        CURRENT.remove();
      }
    }

    private static void closeHard(Socket socket) {
      try {
        socket.setSoLinger(true, 0);
      } catch (IOException e) {
        // already closed: closing is all that is left
      }
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  /** Tells the calling thread's exchange, if any, that it is on {@code socket}. */
  static void used(WatchedSocket socket) {
    Exchange exchange = CURRENT.get();
    if (exchange != null) {
      exchange.uses(socket);
    }
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return factory.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return factory.getSupportedCipherSuites();
  }

  /** A plain socket: the JDK connects it, then layers TLS over it with the method below. */
  @Override
  public Socket createSocket() {
    return new Socket();
  }

  /**
   * TLS over {@code plain} (a proxy's tunnel, or the socket made above), which is watched ({@link
   * WatchedSocket}) so that the exchanges using it can cut it.
   */
  @Override
  public Socket createSocket(Socket plain, String host, int port, boolean autoClose)
      throws IOException {
    WatchedSocket watched = new WatchedSocket(plain);
    used(watched);
    SSLSocket tls = (SSLSocket) factory.createSocket(watched, host, port, autoClose);
    // the host name is checked in the handshake, as the JDK's HTTP client does, so a certificate
    // for another host fails as untrusted before a byte of the request is sent
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(parameters);
    return tls;
  }

  // The JDK calls these only to connect straight to the host when layering TLS over a proxy's
  // tunnel failed, as a last resort that would leave the proxy out: not here.
  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw notThroughTheProxy();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress local, int localPort)
      throws IOException {
    throw notThroughTheProxy();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    throw notThroughTheProxy();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
      throws IOException {
    throw notThroughTheProxy();
  }

  private static SocketException notThroughTheProxy() {
    return new SocketException("a registry call connects through the proxy it was given, or not");
  }
}
