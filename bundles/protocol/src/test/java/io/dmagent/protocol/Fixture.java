package io.dmagent.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.accounts.TreeAccounts;
import io.dmagent.api.account.Account;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.outbox.OverflowPolicy;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.session.UserInteraction;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.outbox.StoreOutbox;
import io.dmagent.protocol.outbox.AlertOutbox;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A session engine on a real tree in memory, with a real outbox in a temporary folder, and a
 * scripted server that writes its messages as the model: what the model-level tests drive.
 */
final class Fixture {
  static final String SERVER = "srv1";
  static final String DEV_ID = "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e";
  static final URI ADDRESS = URI.create("http://dm.example/manage");

  final List<String> log = new CopyOnWriteArrayList<>();
  final DmTree tree;
  final AlertOutbox outbox;
  final Accounts accounts;
  final Account account = Account.of(SERVER, ADDRESS);
  private final Path folder;
  private SessionSettings settings;
  private UserInteraction ui;
  private MessageSizer sizer;
  private java.util.function.Supplier<String> sessionIds;

  Fixture(Path folder, io.dmagent.api.mo.ManagementObject... mos) throws IOException, DmException {
    this.folder = folder;
    this.tree = TestTrees.inMemory(log::add, mos);
    this.accounts = TreeAccounts.on(tree, log::add);
    this.outbox =
        new AlertOutbox(
            StoreOutbox.open(folder.resolve("outbox"), 100, OverflowPolicy.REJECT_NEW, log::add),
            log::add);
    this.settings = SessionSettings.defaults().withEncoding(Encoding.XML);
    this.sizer = Sizes.real();
    TreeOperations device = device();
    device.addLeaf(NodeUri.of("./DevInfo/DevId"), NodeValue.text(DEV_ID));
    device.addLeaf(NodeUri.of("./DevInfo/Man"), NodeValue.text("ACME"));
    device.addLeaf(NodeUri.of("./DevInfo/Mod"), NodeValue.text("GW-100"));
    device.addLeaf(NodeUri.of("./DevInfo/DmV"), NodeValue.text("DM Agent 0.1.0"));
    device.addLeaf(NodeUri.of("./DevInfo/Lang"), NodeValue.text("en"));
    if (!exists("./Vendor")) {
      device.addInterior(NodeUri.of("./Vendor"), null);
    }
    device.replaceProperty(
        NodeUri.of("./Vendor"),
        NodeProperty.ACL,
        "Add=srv1&Delete=srv1&Exec=srv1&Get=srv1&Replace=srv1");
  }

  Fixture settings(SessionSettings value) {
    settings = value;
    return this;
  }

  Fixture userInteraction(UserInteraction value) {
    ui = value;
    return this;
  }

  /** Client-initiated sessions take this SessionID: a captured server's, to replay it. */
  Fixture sessionId(String value) {
    sessionIds = () -> value;
    return this;
  }

  Fixture encoding(Encoding value) {
    settings = settings.withEncoding(value);
    return this;
  }

  TreeOperations device() {
    return tree.operations(Principal.device());
  }

  String value(String uri) throws DmException {
    return device().get(NodeUri.of(uri)).value().orElseThrow().text();
  }

  boolean exists(String uri) {
    try {
      device().get(NodeUri.of(uri));
      return true;
    } catch (DmException e) {
      return false;
    }
  }

  SessionEngine engine() {
    SessionEngine.Builder b = SessionEngine.builder();
    if (sessionIds != null) {
      b.sessionIds(sessionIds);
    }
    return b.tree(tree)
        .descriptionCodec(new DdfTndsCodec())
        .sizer(sizer)
        .outbox(outbox)
        .accounts(accounts)
        .userInteraction(ui)
        .settings(settings)
        .log(log::add)
        .build();
  }

  ClientSession session() {
    return engine().newSession(account, SessionRequest.clientInitiated(SERVER));
  }

  /** A server that answers the client's messages. */
  static final class Server {
    private String sessionId;
    private final boolean echoing;
    private int msgId;
    private Optional<Meta> meta = Optional.empty();
    private String verProto = SyncHeader.DM_1_2;
    private String verDtd = SyncHeader.VER_DTD;

    Server(String sessionId) {
      this.sessionId = sessionId;
      this.echoing = false;
    }

    private Server() {
      this.echoing = true;
    }

    /**
     * A server that answers in the SessionID of the client message it replies to, as a real one
     * does (for sessions whose id the test does not know beforehand: through the engine).
     */
    static Server echoing() {
      return new Server();
    }

    Server maxMsgSize(long value) {
      meta = Optional.of(meta.orElse(Meta.EMPTY).withMaxMsgSize(value));
      return this;
    }

    Server maxObjSize(long value) {
      meta = Optional.of(meta.orElse(Meta.EMPTY).withMaxObjSize(value));
      return this;
    }

    Server versions(String dtd, String proto) {
      verDtd = dtd;
      verProto = proto;
      return this;
    }

    SyncHeader header() {
      msgId++;
      return new SyncHeader(
          verDtd,
          verProto,
          sessionId,
          Integer.toString(msgId),
          Locator.of(DEV_ID),
          Locator.of(ADDRESS.toString()),
          Optional.empty(),
          Optional.empty(),
          meta);
    }

    /** A message answering every command of {@code client} with 200, then {@code commands}. */
    SyncMessage reply(SyncMessage client, boolean fin, Command... commands) {
      if (echoing) {
        sessionId = client.header().sessionId();
      }
      List<Command> body = new ArrayList<>();
      int id = 1;
      body.add(
          Status.of(Integer.toString(id++), client.header().msgId(), "0", Status.SYNC_HDR, 200));
      for (Command c : client.commands()) {
        if (c instanceof Status || c instanceof Results) {
          continue;
        }
        body.add(
            Status.of(
                Integer.toString(id++), client.header().msgId(), c.cmdId(), c.element(), 200));
      }
      body.addAll(List.of(commands));
      return new SyncMessage(header(), body, fin);
    }

    SyncMessage message(boolean fin, Command... commands) {
      return new SyncMessage(header(), List.of(commands), fin);
    }
  }

  // ---- commands a server sends

  static ItemCommand get(String id, String uri) {
    return ItemCommand.of(CommandName.GET, id, Item.target(uri));
  }

  static ItemCommand add(String id, String uri, String value) {
    return ItemCommand.of(
        CommandName.ADD, id, Item.target(uri, Meta.of("chr", "text/plain"), ItemData.text(value)));
  }

  static ItemCommand addInterior(String id, String uri) {
    return ItemCommand.of(
        CommandName.ADD,
        id,
        new Item(
            Optional.of(Locator.of(uri)),
            Optional.empty(),
            Optional.of(Meta.EMPTY.withFormat("node")),
            Optional.empty(),
            false));
  }

  static ItemCommand replace(String id, String uri, String value) {
    return ItemCommand.of(
        CommandName.REPLACE,
        id,
        Item.target(uri, Meta.of("chr", "text/plain"), ItemData.text(value)));
  }

  static ItemCommand delete(String id, String uri) {
    return ItemCommand.of(CommandName.DELETE, id, Item.target(uri));
  }

  static Alert alert(String id, int code, String... items) {
    List<Item> list = new ArrayList<>();
    for (String s : items) {
      list.add(Item.data(s));
    }
    return new Alert(id, false, code, Optional.empty(), list);
  }

  // ---- reading the client's messages

  static List<Status> statuses(SyncMessage m) {
    return m.commands().stream().filter(Status.class::isInstance).map(Status.class::cast).toList();
  }

  static Status statusFor(SyncMessage m, String cmdRef) {
    List<Status> found = statuses(m).stream().filter(s -> s.cmdRef().equals(cmdRef)).toList();
    assertThat(found).as("Status for command %s in %s", cmdRef, m.commands()).hasSize(1);
    return found.get(0);
  }

  static List<Results> results(SyncMessage m) {
    return m.commands().stream()
        .filter(Results.class::isInstance)
        .map(Results.class::cast)
        .toList();
  }

  static List<Alert> alerts(SyncMessage m) {
    return m.commands().stream().filter(Alert.class::isInstance).map(Alert.class::cast).toList();
  }

  /** "Cmd CmdRef code" of every Status, in order: the shape tests compare. */
  static List<String> shape(SyncMessage m) {
    return statuses(m).stream().map(s -> s.cmd() + " " + s.cmdRef() + " " + s.code()).toList();
  }

  static SyncMessage sent(ClientSession.Step step) {
    assertThat(step).isInstanceOf(ClientSession.Send.class);
    return ((ClientSession.Send) step).message();
  }

  static ClientSession.End ended(ClientSession.Step step) {
    assertThat(step).isInstanceOf(ClientSession.End.class);
    return (ClientSession.End) step;
  }
}
