package io.github.ghcrtools.core.registry;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * A connected socket (a plain one, or a proxy's tunnel) that tells {@link ExchangeSockets} on every
 * read and write which exchange is using it, so that the exchange can cut it when its time runs
 * out. Everything else is the wrapped socket's own: TLS is layered over this one.
 */
final class WatchedSocket extends Socket {

  private final Socket socket;

  /** The exchange that used this socket last: only that one may cut it. */
  volatile ExchangeSockets.Exchange owner;

  private InputStream input;
  private OutputStream output;

  WatchedSocket(Socket socket) {
    this.socket = socket;
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (input == null) {
      input =
          new FilterInputStream(socket.getInputStream()) {
            @Override
            public int read() throws IOException {
              ExchangeSockets.used(WatchedSocket.this);
              return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              ExchangeSockets.used(WatchedSocket.this);
              return super.read(b, off, len);
            }
          };
    }
    return input;
  }

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    if (output == null) {
      output =
          new FilterOutputStream(socket.getOutputStream()) {
            @Override
            public void write(int b) throws IOException {
              ExchangeSockets.used(WatchedSocket.this);
              out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              ExchangeSockets.used(WatchedSocket.this);
              out.write(b, off, len); // whole, not byte by byte as FilterOutputStream would
            }
          };
    }
    return output;
  }

  @Override
  public void connect(SocketAddress endpoint) throws IOException {
    socket.connect(endpoint);
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    socket.connect(endpoint, timeout);
  }

  @Override
  public void bind(SocketAddress bindpoint) throws IOException {
    socket.bind(bindpoint);
  }

  @Override
  public InetAddress getInetAddress() {
    return socket.getInetAddress();
  }

  @Override
  public InetAddress getLocalAddress() {
    return socket.getLocalAddress();
  }

  @Override
  public int getPort() {
    return socket.getPort();
  }

  @Override
  public int getLocalPort() {
    return socket.getLocalPort();
  }

  @Override
  public SocketAddress getRemoteSocketAddress() {
    return socket.getRemoteSocketAddress();
  }

  @Override
  public SocketAddress getLocalSocketAddress() {
    return socket.getLocalSocketAddress();
  }

  @Override
  public SocketChannel getChannel() {
    return socket.getChannel();
  }

  @Override
  public void setTcpNoDelay(boolean on) throws java.net.SocketException {
    socket.setTcpNoDelay(on);
  }

  @Override
  public boolean getTcpNoDelay() throws java.net.SocketException {
    return socket.getTcpNoDelay();
  }

  @Override
  public void setSoLinger(boolean on, int linger) throws java.net.SocketException {
    socket.setSoLinger(on, linger);
  }

  @Override
  public int getSoLinger() throws java.net.SocketException {
    return socket.getSoLinger();
  }

  @Override
  public void sendUrgentData(int data) throws IOException {
    socket.sendUrgentData(data);
  }

  @Override
  public void setOOBInline(boolean on) throws java.net.SocketException {
    socket.setOOBInline(on);
  }

  @Override
  public boolean getOOBInline() throws java.net.SocketException {
    return socket.getOOBInline();
  }

  @Override
  public void setSoTimeout(int timeout) throws java.net.SocketException {
    socket.setSoTimeout(timeout);
  }

  @Override
  public int getSoTimeout() throws java.net.SocketException {
    return socket.getSoTimeout();
  }

  @Override
  public void setSendBufferSize(int size) throws java.net.SocketException {
    socket.setSendBufferSize(size);
  }

  @Override
  public int getSendBufferSize() throws java.net.SocketException {
    return socket.getSendBufferSize();
  }

  @Override
  public void setReceiveBufferSize(int size) throws java.net.SocketException {
    socket.setReceiveBufferSize(size);
  }

  @Override
  public int getReceiveBufferSize() throws java.net.SocketException {
    return socket.getReceiveBufferSize();
  }

  @Override
  public void setKeepAlive(boolean on) throws java.net.SocketException {
    socket.setKeepAlive(on);
  }

  @Override
  public boolean getKeepAlive() throws java.net.SocketException {
    return socket.getKeepAlive();
  }

  @Override
  public void setTrafficClass(int tc) throws java.net.SocketException {
    socket.setTrafficClass(tc);
  }

  @Override
  public int getTrafficClass() throws java.net.SocketException {
    return socket.getTrafficClass();
  }

  @Override
  public void setReuseAddress(boolean on) throws java.net.SocketException {
    socket.setReuseAddress(on);
  }

  @Override
  public boolean getReuseAddress() throws java.net.SocketException {
    return socket.getReuseAddress();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  @Override
  public void shutdownInput() throws IOException {
    socket.shutdownInput();
  }

  @Override
  public void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  @Override
  public boolean isConnected() {
    return socket.isConnected();
  }

  @Override
  public boolean isBound() {
    return socket.isBound();
  }

  @Override
  public boolean isClosed() {
    return socket.isClosed();
  }

  @Override
  public boolean isInputShutdown() {
    return socket.isInputShutdown();
  }

  @Override
  public boolean isOutputShutdown() {
    return socket.isOutputShutdown();
  }

  @Override
  public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
    socket.setPerformancePreferences(connectionTime, latency, bandwidth);
  }

  @Override
  public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
    socket.setOption(name, value);
    return this;
  }

  @Override
  public <T> T getOption(SocketOption<T> name) throws IOException {
    return socket.getOption(name);
  }

  @Override
  public Set<SocketOption<?>> supportedOptions() {
    return socket.supportedOptions();
  }

  @Override
  public String toString() {
    return socket.toString();
  }
}
