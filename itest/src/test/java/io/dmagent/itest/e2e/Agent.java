package io.dmagent.itest.e2e;

import io.dmagent.accounts.TreeAccounts;
import io.dmagent.api.account.Account;
import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.outbox.OverflowPolicy;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.DmTransport;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.diagnostics.AccessGrant;
import io.dmagent.diagnostics.DiagnosticsObject;
import io.dmagent.outbox.StoreOutbox;
import io.dmagent.protocol.SessionEngine;
import io.dmagent.protocol.SessionSettings;
import io.dmagent.protocol.outbox.AlertOutbox;
import io.dmagent.stdobj.StandardObjects;
import io.dmagent.transport.http.HttpTransport;
import io.dmagent.transport.http.TlsSettings;
import io.dmagent.tree.PlainTree;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The agent as its bundles assemble it, in plain Java: the real tree on a file with DevInfo,
 * DevDetail, DMAcc and the diagnostics grafted, the real codecs, the HTTP binding and the session
 * engine with its alert outbox. One account: the reference server under test. For tests that reach
 * inside a session (a tampering proxy, a clock, a restart); the framework tests in {@code
 * io.dmagent.itest.framework} run the same bundles in Felix instead.
 *
 * <pre>{@code
 * Agent.in(dir).connectedTo(server.uri(), "srv").using(WBXML).over(tlsBinding).start()
 * }</pre>
 */
final class Agent implements AutoCloseable {
  static final String DEV_ID = "urn:uuid:5b1e2b7c-0d4e-4c2a-9a41-0f3c2e7d9b10";

  final PlainTree tree;
  final AlertOutbox outbox;
  private final StoreOutbox store;
  final Accounts accounts;
  final List<String> log = new CopyOnWriteArrayList<>();
  private final SessionEngine engine;
  private final Account account;
  private final String serverId;
  private boolean provisioned;

  /**
   * An agent keeping its files in {@code dir}; a tree file there is reopened: a restarted agent.
   */
  static Builder in(Path dir) {
    return new Builder(dir);
  }

  /** What the agent is to be: its server, encoding, message size, binding and channel demand. */
  static final class Builder {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_RESPONSE = 4 << 20;
    private static final String USER_AGENT = "DM Agent e2e";

    private final Path dir;
    private URI server;
    private String serverId;
    private Encoding encoding = Encoding.XML;
    private int maxMsgSize = 16384;
    private DmTransport transport =
        new HttpTransport(CONNECT_TIMEOUT, READ_TIMEOUT, MAX_RESPONSE, USER_AGENT);
    private Optional<ChannelSecurity> demand = Optional.empty();

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** The one account: the server at {@code address} with this ServerID. */
    Builder connectedTo(URI address, String serverId) {
      this.server = address;
      this.serverId = serverId;
      return this;
    }

    Builder using(Encoding encoding) {
      this.encoding = encoding;
      return this;
    }

    Builder maxMsgSize(int maxMsgSize) {
      this.maxMsgSize = maxMsgSize;
      return this;
    }

    /** This binding instead of plain HTTP(S) with the JDK's trust (TLS key material, a proxy). */
    Builder over(DmTransport transport) {
      this.transport = transport;
      return this;
    }

    /** The HTTP(S) binding with this TLS trust and key material, its log lines to {@code log}. */
    Builder over(TlsSettings tls, Consumer<String> log) {
      return over(
          new HttpTransport(CONNECT_TIMEOUT, READ_TIMEOUT, MAX_RESPONSE, USER_AGENT, tls, log));
    }

    /** The binding wrapped, e.g. by a recording or tampering proxy. */
    Builder wrapping(UnaryOperator<DmTransport> wrap) {
      this.transport = wrap.apply(transport);
      return this;
    }

    /** What the account demands of the channel, as its DMAcc would. */
    Builder demanding(ChannelSecurity security) {
      this.demand = Optional.of(security);
      return this;
    }

    Agent start() throws Exception {
      return new Agent(this);
    }
  }

  private Agent(Builder b) throws Exception {
    Path dir = b.dir;
    String serverId = b.serverId;
    Encoding encoding = b.encoding;
    int maxMsgSize = b.maxMsgSize;
    DmTransport transport = b.transport;
    Optional<ChannelSecurity> demand = b.demand;
    URI server = b.server;
    DdfTndsCodec ddf = new DdfTndsCodec();
    tree = PlainTree.onFile(dir.resolve("tree.mv.db")).codec(ddf).log(log::add).open();
    StandardObjects device =
        StandardObjects.device(DEV_ID)
            .manufacturer("ACME")
            .model("GW-100")
            .versions("fw-1.2", "sw-3.4", "hw-B");
    tree.graft(device.devInfo());
    tree.graft(device.devDetail(tree::uriLimits));
    tree.graft(device.dmAcc());
    tree.graft(new DiagnosticsObject(tree, dir));
    new AccessGrant(tree, serverId);
    this.serverId = serverId;
    // What a bootstrap would do: a subtree the server manages, with all its rights there.
    if (!exists("./Vendor/ACME")) {
      tree.operations(Principal.device()).addInterior(NodeUri.of("./Vendor/ACME"), null);
    }
    tree.operations(Principal.device())
        .replaceProperty(
            NodeUri.of("./Vendor/ACME"),
            NodeProperty.ACL,
            "Get=*&Add=" + serverId + "&Replace=" + serverId + "&Delete=" + serverId);
    store = StoreOutbox.open(dir.resolve("outbox"), 100, OverflowPolicy.REJECT_NEW, log::add);
    outbox = new AlertOutbox(store, log::add);
    accounts = TreeAccounts.on(tree, log::add);
    SessionEngine.Builder builder =
        SessionEngine.builder()
            .tree(tree)
            .descriptionCodec(ddf)
            .messageCodec(new SyncMlCodec())
            .transport(transport)
            .outbox(outbox)
            .accounts(accounts)
            .settings(
                SessionSettings.defaults()
                    .withEncoding(encoding)
                    .withMaxMsgSize(maxMsgSize)
                    .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10)))
            .log(log::add);
    demand.ifPresent(d -> builder.channelSecurity(a -> d));
    engine = builder.build();
    account = Account.of(serverId, server);
  }

  SessionReport session() {
    Account current = provisioned ? fromDmAcc() : account;
    return engine.run(current, SessionRequest.clientInitiated(current.serverId()));
  }

  /**
   * Writes the account into {@code ./DMAcc} as its configuration file does in the distribution;
   * from then on each session reads it from there, as the agent's session manager does, so that
   * what the DMAcc holds (client credentials, a pre-shared key) decides the channel.
   */
  void provision(AccountSpec spec) throws DmException {
    accounts.write(spec);
    provisioned = true;
  }

  private Account fromDmAcc() {
    return accounts
        .find(serverId)
        .orElseThrow(() -> new IllegalStateException("no readable account: " + log));
  }

  /** A session with another management authority, by its own account. */
  SessionReport session(String serverId, URI address) {
    Account other = Account.of(serverId, address);
    return engine.run(other, SessionRequest.clientInitiated(other.serverId()));
  }

  /**
   * Writes {@code ./DMAcc/<serverId>/AppAuth/<level>} as a bootstrap would: AAuthLevel CLCRED (what
   * the agent presents) or SRVCRED (what the server must present), the type, name and secret.
   */
  void appAuth(String level, String type, String name, String secret) throws DmException {
    NodeUri entry = NodeUri.of("./DMAcc/" + serverId + "/AppAuth/" + level);
    interior(entry.parent().parent());
    interior(entry.parent());
    interior(entry);
    put(entry, "AAuthLevel", level);
    put(entry, "AAuthType", type);
    put(entry, "AAuthName", name);
    put(entry, "AAuthSecret", secret);
  }

  /** The nonce stored in AAuthData of {@code level}, read as the device. */
  byte[] nonce(String level) throws DmException {
    NodeUri data = NodeUri.of("./DMAcc/" + serverId + "/AppAuth/" + level + "/AAuthData");
    return exists(data.toString())
        ? tree.operations(Principal.device()).get(data).value().orElseThrow().data()
        : new byte[0];
  }

  void nonce(String level, byte[] value) throws DmException {
    NodeUri entry = NodeUri.of("./DMAcc/" + serverId + "/AppAuth/" + level);
    NodeValue v = NodeValue.of(value, NodeFormat.BIN, "application/octet-stream");
    if (exists(entry + "/AAuthData")) {
      tree.operations(Principal.device()).replace(entry.child("AAuthData"), v);
    } else {
      tree.operations(Principal.device()).addLeaf(entry.child("AAuthData"), v);
    }
  }

  private void interior(NodeUri uri) throws DmException {
    if (!exists(uri.toString())) {
      tree.operations(Principal.device()).addInterior(uri, null);
    }
  }

  private void put(NodeUri parent, String name, String value) throws DmException {
    if (exists(parent + "/" + name)) {
      tree.operations(Principal.device()).replace(parent.child(name), NodeValue.text(value));
    } else {
      tree.operations(Principal.device()).addLeaf(parent.child(name), NodeValue.text(value));
    }
  }

  private boolean exists(String uri) throws DmException {
    NodeUri u = NodeUri.of(uri);
    return u.isRoot()
        || (exists(u.parent().toString())
            && tree.operations(Principal.device()).get(u.parent()).children().contains(u.name()));
  }

  Optional<String> value(String uri) throws DmException {
    try {
      return tree.operations(Principal.device()).get(NodeUri.of(uri)).value().map(NodeValue::text);
    } catch (DmException e) {
      if (e.status().code() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    store.close();
    tree.close();
  }
}
