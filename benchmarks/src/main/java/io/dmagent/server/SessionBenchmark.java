package io.dmagent.server;

import io.dmagent.accounts.TreeAccounts;
import io.dmagent.api.account.Account;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.outbox.OverflowPolicy;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.outbox.StoreOutbox;
import io.dmagent.protocol.SessionEngine;
import io.dmagent.protocol.SessionSettings;
import io.dmagent.protocol.outbox.AlertOutbox;
import io.dmagent.transport.http.HttpTransport;
import io.dmagent.transport.http.KeyStoreFile;
import io.dmagent.transport.http.PreSharedKey;
import io.dmagent.transport.http.Secret;
import io.dmagent.transport.http.TlsSettings;
import io.dmagent.tree.SessionTree;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A complete management session of 4 packages over loopback HTTP, the real agent (session engine,
 * HTTP binding, message codec, tree) against the reference server running in a JVM of its own:
 * package 1 (Alert 1201, DevInfo), package 2 (statuses, five Gets, one Replace), package 3
 * (statuses, Results), package 4 (the header's status, Final). Target (issue 4): median under 5 ms.
 * Run with {@code -bm thrpt -t N} for the sessions per second one agent JVM sustains.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SessionBenchmark {
  private static final String DEV_ID = "urn:uuid:0b5e55e0-0000-4000-8000-00000000be4c";

  @Param({"WBXML", "XML"})
  public Encoding encoding;

  /**
   * The channel: {@code http}; {@code tls} (HTTPS, TLS 1.3, the binding keeps the connection
   * between sessions, as it does by default); {@code tls-resumed} (HTTPS, no connection kept, so
   * every session after the first opens one and resumes the TLS session the binding's context
   * keeps); {@code tls-full} (HTTPS with a fresh binding per session, so a full TLS 1.3 handshake
   * each time, trust store read included); {@code psk} (TLS-PSK, TLS 1.2, BouncyCastle, the
   * connection kept between sessions).
   */
  @Param({"http"})
  public String channel;

  /**
   * Application-level authentication: {@code none}, or {@code hmac} (HMAC-MD5 both ways in the
   * {@code x-syncml-hmac} header, nonces rotated by every message and kept in the agent's DMAcc).
   */
  @Param({"none"})
  public String auth;

  /** Where the agent's tree lives: {@code memory}, or {@code file} (durable commits, fsync). */
  @Param({"memory"})
  public String store;

  private Process server;
  private Path dir;
  private SessionTree tree;
  private SessionEngine engine;
  private Account account;
  private Path pki;
  private AlertOutbox outbox;

  @Setup(Level.Trial)
  public void start() throws Exception {
    dir = Files.createTempDirectory("dmagent-session-bench");
    pki = dir.resolve("pki");
    server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-D" + ServerMain.CHANNEL + "=" + channel.replaceAll("-.*", ""),
                "-D" + ServerMain.PKI + "=" + pki,
                "-D" + ServerMain.AUTH + "=" + auth,
                "-cp",
                System.getProperty("java.class.path"),
                ServerMain.class.getName(),
                "0")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("listening ")) {
      throw new IllegalStateException("reference server did not start: " + line);
    }
    URI address = URI.create(line.substring("listening ".length()));
    tree =
        SessionTree.open(
            store.equals("file") ? dir.resolve("tree.mv.db") : null, DEV_ID, ServerMain.SERVER_ID);
    if (auth.equals("hmac")) {
      tree.hmacCredentials(
          ServerMain.CLIENT_NAME, ServerMain.CLIENT_SECRET, ServerMain.SERVER_SECRET);
    }
    account = Account.of(ServerMain.SERVER_ID, address);
    outbox =
        new AlertOutbox(
            StoreOutbox.open(dir.resolve("outbox"), 10, OverflowPolicy.REJECT_NEW, l -> {}),
            l -> {});
    engine = engine(transport());
    SessionReport first = session();
    if (first.commands() != 6 || first.serverPackages() != 2) {
      throw new IllegalStateException("not the 4-package session meant: " + first.summary());
    }
  }

  private SessionEngine engine(HttpTransport transport) {
    SessionEngine.Builder b =
        SessionEngine.builder()
            .tree(tree.tree())
            .accounts(TreeAccounts.on(tree.tree(), line -> {}))
            .descriptionCodec(new DdfTndsCodec())
            .messageCodec(new SyncMlCodec())
            .transport(transport)
            .outbox(outbox)
            .settings(SessionSettings.defaults().withEncoding(encoding));
    if (channel.equals("psk")) {
      ChannelSecurity psk =
          new ChannelSecurity(
              ChannelSecurity.Mode.TLS_PSK, Optional.empty(), Optional.of(ServerMain.PSK_IDENTITY));
      b.channelSecurity(a -> psk);
    }
    return b.build();
  }

  private HttpTransport transport() {
    TlsSettings tls =
        switch (channel) {
          case "tls", "tls-resumed", "tls-full" ->
              TlsSettings.trusting(
                  new KeyStoreFile(
                      pki.resolve("demo-ca.p12"), "PKCS12", Secret.of(ServerMain.STORE_PASSWORD)));
          case "psk" ->
              TlsSettings.jdkDefaults()
                  .withPreSharedKey(
                      PreSharedKey.fromHex(ServerMain.PSK_IDENTITY, Secret.of(ServerMain.PSK_HEX)));
          default -> TlsSettings.jdkDefaults();
        };
    // tls-resumed: no connection kept between sessions, so each opens one and resumes TLS;
    // tls-full: a binding per session, whose connection must not outlive it.
    Duration keepIdle = channel.startsWith("tls-") ? Duration.ZERO : Duration.ofSeconds(30);
    return new HttpTransport(
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        4 << 20,
        "DM Agent bench",
        keepIdle,
        tls,
        l -> {});
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    server.getOutputStream().close();
    server.destroy();
    server.waitFor(10, TimeUnit.SECONDS);
    tree.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  public SessionReport session() {
    // tls-full: a new binding, hence a new TLS context with an empty session cache, every session.
    SessionEngine e = channel.equals("tls-full") ? engine(transport()) : engine;
    SessionReport report = e.run(account, SessionRequest.clientInitiated(ServerMain.SERVER_ID));
    if (report.outcome() != SessionOutcome.COMPLETED) {
      throw new IllegalStateException(report.summary());
    }
    return report;
  }
}
