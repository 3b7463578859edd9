package dev.ollamastack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.testsupport.CiRequires;
import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged CLI reaches a daemon that speaks TLS ({@code DOCKER_TLS_VERIFY}, {@code
 * DOCKER_CERT_PATH}), as a remote engine on port 2376 does: the machine's daemon behind a TLS front
 * of the test's own, which asks for the client's certificate. The jar ships without HttpClient's
 * public-suffix list and with Bouncy Castle (which reads the PEM files) in a jar of its own: this
 * proves that the handshake, the client certificate and the check of the daemon's name still work.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerTlsIT {
  private Path work;
  private Path certs;
  private Path strangerCerts;
  private SSLServerSocket server;
  private final List<Socket> open = new ArrayList<>();

  @BeforeAll
  void setUp() throws Exception {
    String daemon = DockerAvailable.Check.probe().host();
    CiRequires.that(daemon.startsWith("unix://"), "the daemon must listen on a local socket");
    work = Files.createTempDirectory(Path.of("/tmp"), "tls-it-");
    certs = Files.createDirectories(work.resolve("certs"));
    strangerCerts = Files.createDirectories(work.resolve("stranger"));
    // a CA, the daemon's certificate for "localhost" only, the client's certificate
    openssl(
        "req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=it-ca -keyout ca-key.pem"
            + " -out certs/ca.pem");
    openssl(
        "req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout server-key.pem -out server.csr");
    Files.writeString(work.resolve("server.ext"), "subjectAltName=DNS:localhost\n");
    openssl(
        "x509 -req -in server.csr -CA certs/ca.pem -CAkey ca-key.pem -CAcreateserial -days 2"
            + " -extfile server.ext -out server-cert.pem");
    openssl("req -newkey rsa:2048 -nodes -subj /CN=client -keyout certs/key.pem -out client.csr");
    openssl(
        "x509 -req -in client.csr -CA certs/ca.pem -CAkey ca-key.pem -CAcreateserial -days 2"
            + " -out certs/cert.pem");
    openssl(
        "pkcs12 -export -in server-cert.pem -inkey server-key.pem -passout pass:it"
            + " -out server.p12");
    // a client whose CA never signed the daemon's certificate
    openssl(
        "req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=stranger"
            + " -keyout stranger/key.pem -out stranger/ca.pem");
    Files.copy(strangerCerts.resolve("ca.pem"), strangerCerts.resolve("cert.pem"));

    server = tlsFront(Path.of(daemon.substring("unix://".length())));
  }

  @AfterAll
  void tearDown() throws IOException {
    if (server != null) {
      server.close();
    }
    synchronized (open) {
      for (Socket s : open) {
        s.close();
      }
    }
  }

  private Cli cli(String host, Path certPath) {
    return new Cli(work, work.resolve("home"))
        .unsetEnv("DOCKER_CONTEXT")
        .env("DOCKER_CONFIG", work.resolve("no-docker-config").toString())
        .env("DOCKER_HOST", host)
        .env("DOCKER_TLS_VERIFY", "1")
        .env("DOCKER_CERT_PATH", certPath.toString());
  }

  @Test
  void theDaemonAnswersOverTlsWithTheClientsCertificate() {
    String host = "tcp://localhost:" + server.getLocalPort();
    Cli.Result r = cli(host, certs).run("version");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    String version = DockerAvailable.Check.probe().info().serverVersion();
    assertThat(r.out()).contains("engine " + version).contains("at " + host);
    // nothing of docker-java's or slf4j's own on stderr (its provider is named, not looked up)
    assertThat(r.err()).isEmpty();
  }

  @Test
  void aDaemonWhoseCertificateNamesAnotherHostIsRefused() {
    // the certificate names localhost only: 127.0.0.1 is another name for the same daemon
    Cli.Result r = cli("tcp://127.0.0.1:" + server.getLocalPort(), certs).run("status");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
    assertThat(r.err()).contains("doesn't match");
  }

  @Test
  void aDaemonSignedByAnotherCaIsRefused() {
    Cli.Result r = cli("tcp://localhost:" + server.getLocalPort(), strangerCerts).run("status");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
    assertThat(r.err()).startsWith("error: cannot reach the Docker engine at tcp://localhost:");
  }

  /** TLS on a loopback port, each connection forwarded to the daemon's socket. */
  private SSLServerSocket tlsFront(Path daemonSocket) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(work.resolve("server.p12"))) {
      keys.load(in, "it".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "it".toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certs.resolve("ca.pem"))) {
      trust.setCertificateEntry(
          "ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    SSLServerSocket s =
        (SSLServerSocket)
            ctx.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    s.setNeedClientAuth(true);
    Thread.ofPlatform()
        .daemon()
        .name("tls-front")
        .start(
            () -> {
              while (!s.isClosed()) {
                try {
                  Socket client = s.accept();
                  synchronized (open) {
                    open.add(client);
                  }
                  Thread.ofVirtual().start(() -> forward(client, daemonSocket));
                } catch (IOException closed) {
                  return;
                }
              }
            });
    return s;
  }

  private static void forward(Socket client, Path daemonSocket) {
    try (client;
        SocketChannel docker = SocketChannel.open(UnixDomainSocketAddress.of(daemonSocket))) {
      InputStream fromDocker = Channels.newInputStream(docker);
      OutputStream toDocker = Channels.newOutputStream(docker);
      Thread back =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      fromDocker.transferTo(client.getOutputStream());
                    } catch (IOException ended) {
                      // the client or the daemon closed
                    }
                  });
      try {
        client.getInputStream().transferTo(toDocker);
      } catch (IOException ended) {
        // a refused handshake ends here: the client went away
      }
      docker.shutdownOutput();
      back.join();
    } catch (IOException | InterruptedException e) {
      // the connection is over either way
    }
  }

  /** {@code openssl} with {@code args} (no argument holds a space) in the test's directory. */
  private void openssl(String args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args.split(" ")));
    Path log = work.resolve("openssl.log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("openssl %s", args).isTrue();
    assertThat(p.exitValue()).as("openssl %s: %s", args, Files.readString(log)).isZero();
  }
}
