package dev.ollamastack.testsupport;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A Docker daemon of the test's own, for tests that need the real image names or the default ports:
 * nothing on the machine (a user's real images, an installation, a port in use) can be in its way,
 * and it touches nothing of the machine's.
 *
 * <p>{@code dockerd} runs with its own {@code --data-root}, {@code --exec-root}, {@code --pidfile},
 * socket and config file (no registry mirrors, nothing of {@code /etc/docker/daemon.json}), in a
 * network and mount namespace of its own ({@code unshare}):
 *
 * <ul>
 *   <li>in the host's network namespace, {@code --bridge=none} would delete the host's {@code
 *       docker0} (dockerd removes the default bridge interface it is told not to use), and bridge
 *       traffic between its containers would meet the host's {@code FORWARD DROP} policy that the
 *       shared daemon sets; in its own namespace there is neither, and its published ports
 *       (docker-proxy on 127.0.0.1, no iptables) cannot collide with the machine's;
 *   <li>in its own mount namespace, the overlay and netns mounts it makes vanish with it.
 * </ul>
 *
 * Its containers' subnets come from {@code 10.213.0.0/16}. Clients reach the API over the socket
 * ({@link #env()}); a process that needs the published ports runs inside the namespace ({@link
 * #inNetns()}). Needs root, {@code /usr/sbin/dockerd}, {@code unshare}/{@code nsenter} (util-linux)
 * and busybox (to bring up the namespace's loopback): {@link #unavailableReason()}.
 */
public final class PrivateDockerd implements AutoCloseable {
  private static final Path DOCKERD = Path.of("/usr/sbin/dockerd");
  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final List<Path> TOOLS =
      List.of(DOCKERD, BUSYBOX, Path.of("/usr/bin/unshare"), Path.of("/usr/bin/nsenter"));

  private final Path root;
  private final Process process;
  private final FileChannel netnsHandle;
  private final String netns;
  private final Thread onExit = new Thread(this::stop, "private-dockerd-stop");
  private boolean stopped;

  private PrivateDockerd(Path root, Process process, FileChannel netnsHandle, String netns) {
    this.root = root;
    this.process = process;
    this.netnsHandle = netnsHandle;
    this.netns = netns;
  }

  /** Why no private daemon can run here, or empty when it can. */
  public static Optional<String> unavailableReason() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      if (!Integer.valueOf(0).equals(uid)) {
        return Optional.of("a private Docker daemon needs root (uid " + uid + ")");
      }
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of("cannot tell whether this runs as root: " + e.getMessage());
    }
    for (Path tool : TOOLS) {
      if (!Files.isExecutable(tool)) {
        return Optional.of("a private Docker daemon needs " + tool + " (not found)");
      }
    }
    return Optional.empty();
  }

  /** Starts a daemon and waits until its API answers. */
  public static PrivateDockerd start() throws IOException {
    // Short: dockerd's and containerd's unix sockets live under it (108-byte limit).
    Path root = Files.createTempDirectory(Path.of("/tmp"), "osd-");
    Files.writeString(root.resolve("daemon.json"), "{}\n");
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of("unshare", "--net", "--mount", "--propagation", "private"));
    cmd.addAll(List.of("/bin/sh", "-c", BUSYBOX + " ip link set lo up && exec \"$0\" \"$@\""));
    cmd.add(DOCKERD.toString());
    cmd.addAll(
        List.of(
            "--config-file=" + root.resolve("daemon.json"),
            "--data-root=" + root.resolve("data"),
            "--exec-root=" + root.resolve("exec"),
            "--pidfile=" + root.resolve("dockerd.pid"),
            "--host=unix://" + root.resolve("docker.sock"),
            "--bridge=none",
            "--iptables=false",
            "--ip-masq=false",
            "--default-address-pool=base=10.213.0.0/16,size=24"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin:" + pb.environment().get("PATH"));
    pb.redirectErrorStream(true).redirectOutput(root.resolve("dockerd.log").toFile());
    // unshare and sh exec: the process is dockerd itself
    Process process = pb.start();
    Path netnsPath = Path.of("/proc", Long.toString(process.pid()), "ns", "net");
    FileChannel handle = null;
    try {
      awaitApi(root, process);
      long pid = Long.parseLong(Files.readString(root.resolve("dockerd.pid")).trim());
      if (pid != process.pid()) {
        throw new IllegalStateException("dockerd pid " + pid + " is not " + process.pid());
      }
      // An open handle keeps the namespace, and so its id, from being reused until close.
      handle = FileChannel.open(netnsPath, StandardOpenOption.READ);
      PrivateDockerd d =
          new PrivateDockerd(root, process, handle, Files.readSymbolicLink(netnsPath).toString());
      Runtime.getRuntime().addShutdownHook(d.onExit);
      return d;
    } catch (RuntimeException | IOException e) {
      if (handle != null) {
        handle.close();
      }
      new PrivateDockerd(root, process, null, null).stop();
      throw e;
    }
  }

  private static void awaitApi(Path root, Process process) {
    Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + root.resolve("docker.sock"));
    Awaitility.await("private dockerd answering")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> answers(env) || !process.isAlive());
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "private dockerd exited with " + process.exitValue() + ": " + logTail(root));
    }
  }

  private static boolean answers(Map<String, String> env) {
    try (DockerEngine engine = new DockerJavaEngineFactory(env).connect()) {
      engine.info();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** {@code unix://…/docker.sock} of this daemon. */
  public String dockerHost() {
    return "unix://" + root.resolve("docker.sock");
  }

  /** The environment that points a Docker client at this daemon. */
  public Map<String, String> env() {
    return Map.of("DOCKER_HOST", dockerHost());
  }

  /** A command prefix that runs a program in the daemon's network namespace. */
  public List<String> inNetns() {
    return List.of("nsenter", "--net=/proc/" + process.pid() + "/ns/net", "--");
  }

  @Override
  public void close() {
    stop();
    Runtime.getRuntime().removeShutdownHook(onExit);
  }

  /**
   * Removes every container, stops dockerd by its pidfile (SIGTERM, then SIGKILL after 60 s), ends
   * what is left in its network namespace, unmounts anything left under its root and deletes it.
   */
  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (process.isAlive()) {
      removeAllContainers();
      ProcessHandle.of(pidFromFile()).ifPresent(ProcessHandle::destroy);
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    endLeftoversInNetns();
    unmountUnderRoot();
    deleteTree(root);
  }

  private long pidFromFile() {
    try {
      return Long.parseLong(Files.readString(root.resolve("dockerd.pid")).trim());
    } catch (IOException | NumberFormatException e) {
      return process.pid();
    }
  }

  private void removeAllContainers() {
    String ids = DockerCli.tryRunOn(dockerHost(), "ps", "-aq");
    if (ids != null && !ids.isBlank()) {
      List<String> args = new ArrayList<>(List.of("rm", "-f"));
      args.addAll(List.of(ids.split("\\s+")));
      DockerCli.tryRunOn(dockerHost(), args.toArray(String[]::new));
    }
  }

  /** containerd shims outlive a killed dockerd; they are in its namespace, so ours to end. */
  private void endLeftoversInNetns() {
    if (netns == null) {
      return;
    }
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> netns.equals(netnsOf(p)))
          .map(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString())))
          .flatMap(Optional::stream)
          .forEach(
              h -> {
                h.destroyForcibly();
                h.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> h).join();
              });
    } catch (IOException e) {
      // /proc unreadable: nothing more to do here
    } finally {
      try {
        netnsHandle.close();
      } catch (IOException e) {
        // the namespace goes with its last process anyway
      }
    }
  }

  private static String netnsOf(Path proc) {
    try {
      return Files.readSymbolicLink(proc.resolve("ns/net")).toString();
    } catch (IOException | SecurityException e) {
      return null; // gone, or not ours to read
    }
  }

  /** The mounts live in the daemon's own mount namespace; this only catches strays. */
  private void unmountUnderRoot() {
    List<String> mounts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] f = line.split(" ");
        if (f.length > 4 && f[4].startsWith(root + "/")) {
          mounts.add(f[4]);
        }
      }
    } catch (IOException e) {
      return;
    }
    mounts.sort(Comparator.comparingInt(String::length).reversed());
    for (String m : mounts) {
      try {
        new ProcessBuilder("umount", "-l", m).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
      } catch (IOException e) {
        // deleteTree below reports nothing either: a stray mount in /tmp is harmless
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String logTail(Path root) {
    try {
      List<String> lines = Files.readAllLines(root.resolve("dockerd.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(PrivateDockerd::delete);
    } catch (IOException | UncheckedIOException e) {
      // a temp dir left behind is harmless
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // keep deleting the rest
    }
  }
}
