package io.upgradehub.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay between the devices and a real broker that a test can shut: while shut it accepts
 * connections and closes them at once, as a broker that is down would. It passes bytes unchanged
 * and knows nothing of MQTT. A broker-restart test uses it to subscribe to the new broker before
 * the devices get back in, so that it sees everything they send after reconnecting.
 */
final class ConnectionGate implements AutoCloseable {

  private final ServerSocket server;
  private final int target;
  private final List<Socket> sockets = new ArrayList<>();
  private volatile boolean open = true;

  ConnectionGate(int targetPort) {
    this.target = targetPort;
    try {
      this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "gate-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  void shut() {
    open = false;
  }

  void open() {
    open = true;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket device = server.accept();
        if (!open) {
          device.close();
          continue;
        }
        Socket broker;
        try {
          broker = new Socket(InetAddress.getLoopbackAddress(), target);
        } catch (IOException e) {
          device.close();
          continue;
        }
        synchronized (sockets) {
          sockets.add(device);
          sockets.add(broker);
        }
        pump(device, broker);
        pump(broker, device);
      } catch (IOException e) {
        // closed
      }
    }
  }

  /** Copies one direction; when either side ends, both sockets are closed. */
  private static void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // one side went away
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "gate-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    synchronized (sockets) {
      sockets.forEach(ConnectionGate::closeQuietly);
    }
  }
}
