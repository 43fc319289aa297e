package io.dmagent.protocol;

import io.dmagent.accounts.TreeAccounts;
import io.dmagent.api.account.Account;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.outbox.OverflowPolicy;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeTransaction;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.outbox.StoreOutbox;
import io.dmagent.protocol.outbox.AlertOutbox;
import io.dmagent.tree.SessionTree;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The session engine's target (issue 4): one server package of 100 Gets processed, that is decoded
 * by the message codec, run on a tree of 10,000 nodes as the server (ACL checked) and answered with
 * 100 Statuses and 100 Results, encoded: median under 1 ms. No transport: the bytes are the
 * engine's input and output. Run by hand, never by the tests:
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EngineBenchmark -f 1 -wi 5 -i 10</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBenchmark {
  static final String DEV_ID = "urn:uuid:6d1c3c86-2b7e-4c39-9a56-0a8c3b1f1d2e";
  static final String SERVER = "srv1";
  static final int GROUPS = 100;
  static final int LEAVES_PER_GROUP = 99;
  static final int GETS = 100;

  @Param({"WBXML", "XML"})
  public String encoding;

  private Encoding enc;
  private SessionTree tree;
  private Path outboxDir;
  private SyncMlCodec codec;
  private SessionEngine engine;
  private ClientSession session;
  private byte[] serverPackage;

  @Setup(Level.Trial)
  public void build() throws IOException, DmException {
    enc = Encoding.valueOf(encoding);
    tree = SessionTree.open(null, DEV_ID, SERVER);
    addNodes();
    codec = new SyncMlCodec();
    outboxDir = Files.createTempDirectory("engine-bench");
    SessionSettings defaults = SessionSettings.defaults();
    engine =
        SessionEngine.builder()
            .tree(tree.tree())
            .accounts(TreeAccounts.on(tree.tree(), line -> {}))
            .messageCodec(codec)
            .descriptionCodec(new DdfTndsCodec())
            .outbox(
                new AlertOutbox(
                    StoreOutbox.open(outboxDir, 10, OverflowPolicy.REJECT_NEW, l -> {}), l -> {}))
            .settings(
                new SessionSettings(
                    defaults.maxMsgSize(),
                    defaults.maxObjSize(),
                    enc,
                    defaults.verProto(),
                    Duration.ofSeconds(30),
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    // One session answers every package of a measurement.
                    Integer.MAX_VALUE))
            .build();
    check();
  }

  /** Measures the real thing: 100 Gets answered 200 with their Results, in one message. */
  private void check() throws DmException {
    newSession();
    SyncMessage reply =
        ((ClientSession.Send) session.onMessage(serverPackage(session.sessionId()))).message();
    long ok =
        reply.commands().stream()
            .filter(c -> c instanceof Status s && s.cmd().equals("Get") && s.code() == 200)
            .count();
    long results =
        reply.commands().stream().filter(io.dmagent.api.message.Results.class::isInstance).count();
    if (ok != GETS || results != GETS || !reply.isFinal()) {
      throw new IllegalStateException(
          "the package is not answered as measured: " + ok + " Gets OK, " + results + " Results");
    }
  }

  /** 10,000 nodes under ./Vendor/Bench: 100 groups of 99 leaves, a few bytes each. */
  private void addNodes() throws DmException {
    for (int g = 0; g < GROUPS; g++) {
      try (TreeTransaction tx = tree.tree().begin(Principal.device())) {
        for (int l = 0; l < LEAVES_PER_GROUP; l++) {
          tx.addLeaf(NodeUri.of(leaf(g, l)), NodeValue.text("value-" + g + "-" + l));
        }
        tx.commit();
      }
    }
  }

  private static String leaf(int g, int l) {
    return String.format("./Vendor/Bench/G%02d/L%02d", g, l);
  }

  /**
   * The server's package in the session {@code sessionId} (a session refuses another's): the Status
   * for our header and 100 Gets of leaves drawn at random.
   */
  private static SyncMessage serverPackage(String sessionId) {
    Random random = new Random(42);
    List<Command> body = new ArrayList<>();
    body.add(Status.of("1", "1", "0", Status.SYNC_HDR, 200));
    for (int i = 0; i < GETS; i++) {
      String uri = leaf(random.nextInt(GROUPS), random.nextInt(LEAVES_PER_GROUP));
      body.add(ItemCommand.of(CommandName.GET, Integer.toString(i + 2), Item.target(uri)));
    }
    SyncHeader header =
        new SyncHeader(
            SyncHeader.VER_DTD,
            SyncHeader.DM_1_2,
            sessionId,
            "2",
            Locator.of(DEV_ID),
            Locator.of("http://127.0.0.1/dm"),
            Optional.empty(),
            Optional.empty(),
            Optional.of(Meta.EMPTY.withMaxMsgSize(1 << 20)));
    return new SyncMessage(header, body, true);
  }

  @Setup(Level.Iteration)
  public void newSession() throws DmException {
    session =
        engine.newSession(
            Account.of(SERVER, URI.create("http://127.0.0.1/dm")),
            SessionRequest.clientInitiated(SERVER));
    session.begin();
    serverPackage = codec.encode(serverPackage(session.sessionId()), enc);
  }

  @Benchmark
  public byte[] hundredGets() throws Exception {
    SyncMessage in = codec.decode(serverPackage, enc, 1 << 20);
    ClientSession.Step step = session.onMessage(in);
    return codec.encode(((ClientSession.Send) step).message(), enc);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException, InterruptedException {
    tree.close();
    try (var files = Files.list(outboxDir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(outboxDir);
  }
}
