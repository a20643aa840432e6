package io.github.ghcrtools.it.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays bytes both ways between a client and the registry, and carries out a planned reset or
 * stall once a byte budget is used up; the byte count is what makes "reset after N bytes" exact.
 */
final class Tunnel {

  private final Socket client;
  private final InputStream clientIn;
  private final Socket upstream;
  private final FaultPlan.Fault fault;
  private final FaultPlan plan;
  private final CountDownLatch proxyClosed;
  private final AtomicLong budget;
  private final AtomicBoolean faultFired = new AtomicBoolean();

  Tunnel(
      Socket client,
      InputStream clientIn,
      Socket upstream,
      FaultPlan.Fault fault,
      FaultPlan plan,
      CountDownLatch proxyClosed) {
    this.client = client;
    this.clientIn = clientIn;
    this.upstream = upstream;
    this.fault = fault;
    this.plan = plan;
    this.proxyClosed = proxyClosed;
    this.budget =
        new AtomicLong(fault == FaultPlan.Fault.NONE ? Long.MAX_VALUE : plan.afterBytes());
  }

  /** Relays until both directions end, a fault fires, or the proxy closes; then closes both. */
  void run(ExecutorService pool) {
    try {
      Future<?> down = pool.submit(() -> pump(upstream.getInputStream(), upstream, client));
      pump(clientIn, client, upstream);
      down.get();
    } catch (Exception e) {
      // a broken side ends the tunnel; the client sees the socket close
    } finally {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  private Void pump(InputStream in, Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      OutputStream out = to.getOutputStream();
      while (true) {
        long left = budget.get();
        if (left <= 0) {
          fire();
          return null;
        }
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (read < 0) {
          if (!to.isClosed()) {
            to.shutdownOutput();
          }
          return null;
        }
        long before = budget.getAndAdd(-read);
        int allowed = (int) Math.max(0, Math.min(read, before));
        if (allowed > 0) {
          out.write(buffer, 0, allowed);
          out.flush();
        }
        if (allowed < read) {
          fire();
          return null;
        }
      }
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
      return null;
    }
  }

  private void fire() {
    if (!faultFired.compareAndSet(false, true)) {
      return;
    }
    switch (fault) {
      case RESET -> {
        reset(client);
        reset(upstream);
      }
      case STALL -> {
        try {
          proxyClosed.await(plan.stallFor().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        closeQuietly(client);
        closeQuietly(upstream);
      }
      default -> {
        closeQuietly(client);
        closeQuietly(upstream);
      }
    }
  }

  /** Closes with SO_LINGER 0, which sends a TCP RST instead of an orderly FIN. */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // already closed
    }
    closeQuietly(socket);
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
