package dev.ollamastack.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The port the Docker daemon reaches the test registry on: a TCP relay to the registry process that
 * can take the registry down at an exact moment. {@link #tripOn(String, Runnable)} arms it: when
 * the bytes of a request line containing the text arrive, it runs the action (the test stops the
 * registry process) before anything of that request reaches the registry, then closes every
 * connection and stops listening, as a registry that went away does. No timing: the daemon's own
 * request is what trips it.
 */
final class RegistryGate implements AutoCloseable {
  private final int port;
  private final int upstream;
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile String trigger;
  private volatile Runnable onTrip;

  RegistryGate(int port, int upstream) {
    this.port = port;
    this.upstream = upstream;
  }

  /** Starts listening (again, after a trip). */
  synchronized void open() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = s;
    pool.execute(() -> accept(s));
  }

  /** The next request whose request line contains {@code text} runs {@code action}, then cuts. */
  void tripOn(String text, Runnable action) {
    onTrip = action;
    trigger = text;
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket client = s.accept();
        open.add(client);
        pool.execute(() -> relay(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void relay(Socket client) {
    try (client;
        Socket registry = new Socket(InetAddress.getLoopbackAddress(), upstream)) {
      open.add(registry);
      pool.execute(() -> pipe(registry, client, false));
      pipe(client, registry, true);
    } catch (IOException e) {
      // the registry is down or the connection was cut: the daemon sees it closed
    }
  }

  /** Copies bytes; on the client side, watches for the trigger in what the daemon sends. */
  private void pipe(Socket from, Socket to, boolean watch) {
    byte[] buf = new byte[64 * 1024];
    String tail = "";
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) > 0) {
        if (watch && trigger != null) {
          String seen = tail + new String(buf, 0, n, StandardCharsets.ISO_8859_1);
          if (seen.contains(trigger)) {
            trip();
            return;
          }
          tail = seen.substring(Math.max(0, seen.length() - 256));
        }
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed: the other copy ends too
    } finally {
      closeQuietly(to);
    }
  }

  private synchronized void trip() {
    if (trigger == null) {
      return;
    }
    trigger = null;
    Runnable action = onTrip;
    onTrip = null;
    closeQuietly(server); // new connections are refused from now on
    if (action != null) {
      action.run();
    }
    open.forEach(RegistryGate::closeQuietly);
    open.clear();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (Exception e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closeQuietly(server);
    open.forEach(RegistryGate::closeQuietly);
    pool.shutdownNow();
  }
}
