package io.dmagent.protocol;

import io.dmagent.api.account.Account;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.log.WireText;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.protocol.outbox.AlertOutbox;
import io.dmagent.protocol.outbox.QueuedAlert;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One management session at the level of messages, without bytes or transport: {@link #begin()}
 * gives package 1, {@link #onMessage} takes each server message and says what to send back or that
 * the session is over. Confined to one thread.
 *
 * <p>The conversation (digest 1.6, 6.1): a server message without Final is part of a package still
 * coming, answered with our Statuses and an Alert 1222 that asks for the next one; when a reply of
 * ours does not fit in the server's MaxMsgSize it goes out in several messages, Final only on the
 * last, each sent when the server asks with 1222. When the server has closed its package and all we
 * would send is the Status for its header, the session has ended (we send nothing). Alert 1223 from
 * the server ends it at once, unanswered.
 */
public final class ClientSession {
  /** What the session wants next. */
  public sealed interface Step permits Send, End {}

  /** Send this message and hand the answer to {@link #onMessage}. */
  public record Send(SyncMessage message) implements Step {}

  /**
   * The session is over; send {@code lastMessage} if present (an abort, or a header rejection) and
   * ignore whatever comes back.
   */
  public record End(
      SessionOutcome outcome, Optional<String> reason, Optional<SyncMessage> lastMessage)
      implements Step {
    static End of(SessionOutcome outcome, String reason) {
      return new End(outcome, Optional.ofNullable(reason), Optional.empty());
    }
  }

  private static final Set<String> VERSIONS = Set.of(SyncHeader.DM_1_2, SyncHeader.DM_1_3);

  private final DmTree tree;
  private final Account account;
  private final String sessionId;
  private final boolean serverInitiated;
  private final List<String> requestedMos;
  private final SessionSettings settings;
  private final Authenticator.Exchange auth;
  private final AlertOutbox outbox;
  private final Consumer<String> log;
  private final ServerFacts server;
  private final CommandProcessor processor;
  private final LargeObjectAssembler assembler;
  private final MessageSplitter splitter;
  private final Deque<Outgoing> queue = new ArrayDeque<>();
  private final Map<String, Outgoing> awaiting = new HashMap<>();
  private final Set<String> offeredAlerts = new HashSet<>();
  private String devId;
  private int msgId;
  private int serverPackages;
  private boolean serverClosed = true;
  private boolean ourPackageOpen;
  private boolean authGaveUp;

  ClientSession(SessionParts parts, Account account, String sessionId, boolean serverInitiated) {
    this(parts, account, sessionId, serverInitiated, List.of());
  }

  /** A session whose package 1 also carries the MOs a notification asked for ({@code moIds}). */
  ClientSession(
      SessionParts parts,
      Account account,
      String sessionId,
      boolean serverInitiated,
      List<String> requestedMos) {
    this.tree = parts.tree();
    this.account = account;
    this.sessionId = sessionId;
    this.serverInitiated = serverInitiated;
    this.requestedMos = List.copyOf(requestedMos);
    this.settings = parts.settings();
    this.auth = parts.authenticator().open(account);
    this.outbox = parts.outbox();
    this.log = parts.log();
    this.server = new ServerFacts(settings.encoding(), settings.verProto());
    CommandExecutor executor = new CommandExecutor(parts.tnds(), server, log);
    UiAlerts ui = new UiAlerts(parts.userInteraction(), account.serverId(), log);
    this.processor =
        new CommandProcessor(
            tree, io.dmagent.api.tree.Principal.server(account.serverId()), executor, ui, log);
    this.assembler = new LargeObjectAssembler(settings.maxObjSize());
    this.splitter = new MessageSplitter(parts.sizer());
  }

  public String sessionId() {
    return sessionId;
  }

  public String serverId() {
    return account.serverId();
  }

  /** Management commands run so far, each command of a container counted. */
  public int commands() {
    return processor.executed();
  }

  /** Packages the server closed with Final so far. */
  public int serverPackages() {
    return serverPackages;
  }

  /** Where the next message goes: the server's last RespURI, else the account's address. */
  public URI target() {
    return server.respUri().flatMap(ClientSession::uri).orElse(account.address());
  }

  /** The encoding of our messages: the configured one until the server answers in the other. */
  public Encoding encoding() {
    return server.encoding();
  }

  /** Switches to the encoding the server answered in; TNDS and binary values follow it. */
  public void encoding(Encoding value) {
    server.encoding(value);
  }

  /** Alerts of the outbox this session has sent (acknowledged or not). */
  public Set<String> offeredAlerts() {
    return Set.copyOf(offeredAlerts);
  }

  /**
   * Package 1: Alert 1201 (or 1200 with the notification's session id), DevInfo as Replace, a
   * Replace per MO the notification asked for, the alerts waiting in the outbox for this server.
   *
   * @throws DmException when the tree has no {@code ./DevInfo/DevId}
   */
  public SyncMessage begin() throws DmException {
    devId = DevInfoReport.devId(tree);
    int code = serverInitiated ? Alert.SERVER_INITIATED_MGMT : Alert.CLIENT_INITIATED_MGMT;
    queue.add(Outgoing.of(Alert.of("0", code)));
    queue.add(Outgoing.of(DevInfoReport.replace(tree, server.encoding())));
    addRequestedMos();
    offerAlerts();
    return ((Send) emit()).message();
  }

  /** The Replaces of the MOs the notification asked for, after DevInfo's. */
  private void addRequestedMos() {
    for (var replace :
        RequestedMoReport.replaces(
            tree, account.serverId(), requestedMos, server.encoding(), log)) {
      queue.add(Outgoing.of(replace));
    }
  }

  /** Transport headers for our message whose encoded bytes are {@code body} (HMAC). */
  public Map<String, String> transportHeaders(byte[] body) {
    return auth.headers(body);
  }

  /** The raw bytes of the server's next message and its {@code x-syncml-hmac}, before decoding. */
  public void received(byte[] body, Optional<String> hmacHeader) {
    auth.received(body, hmacHeader);
  }

  /** Whether the session ended because authentication failed too often (worth a later retry). */
  public boolean authGaveUp() {
    return authGaveUp;
  }

  /** Takes one server message; never throws: bad input ends in a Status or an abort. */
  public Step onMessage(SyncMessage message) {
    try {
      return receive(message);
    } catch (RuntimeException e) {
      log.accept(
          "session "
              + sessionId
              + " aborted on an internal error: "
              + WireText.quote(e.toString()));
      return abort("internal error: " + e.getClass().getSimpleName());
    }
  }

  /** The server's message could not be decoded: the session is aborted with Alert 1223. */
  public Step onUndecodable(int status, String reason) {
    return abort("server message refused (" + status + "): " + reason);
  }

  private Step receive(SyncMessage m) {
    SyncHeader h = m.header();
    if (!SyncHeader.VER_DTD.equals(h.verDtd())) {
      return rejectHeader(h, 505, "server sent VerDTD " + WireText.quote(h.verDtd()));
    }
    if (!VERSIONS.contains(h.verProto())) {
      return rejectHeader(h, 513, "server sent VerProto " + WireText.quote(h.verProto()));
    }
    if (!SessionIds.same(sessionId, String.valueOf(h.sessionId()))) {
      // A message of another session (a replay, e.g. a server's last message recorded and sent
      // into the next session, whose nonce it may still satisfy) is believed in nothing.
      String reason =
          "server message of session "
              + WireText.quote(String.valueOf(h.sessionId()))
              + ", not of this one: refused";
      log.accept("session " + sessionId + ": " + reason);
      return abort(reason);
    }
    server.learn(h);
    if (m.isFinal()) {
      serverPackages++;
    }
    boolean continuing = ourPackageOpen;
    StatusBook book = new StatusBook(h.msgId());
    // The server is checked before anything it says is believed, its challenge to us included.
    Authenticator.Check check = auth.verify(h);
    Optional<Status> ours =
        m.commands().stream()
            .filter(c -> c instanceof Status s && "0".equals(s.cmdRef()))
            .map(Status.class::cast)
            .findFirst();
    if (ours.isPresent()) {
      Optional<Step> next = onHeaderStatus(ours.get(), h, check);
      if (next.isPresent()) {
        return next.get();
      }
    }
    if (!check.passed() && auth.exhausted()) {
      return authAbort("server failed authentication " + check.code(), h, check);
    }
    for (Command c : m.commands()) {
      if (!check.passed()) {
        refuse(c, check.code(), book);
        if (c instanceof Alert a && a.code() == Alert.SESSION_ABORT) {
          return End.of(SessionOutcome.ABORTED_BY_SERVER, "server sent Alert 1223");
        }
      } else if (c instanceof Status s) {
        onStatus(s);
      } else if (c instanceof Results) {
        // Results from a server need no answer (a Status answers a Results only on failure).
      } else if (c instanceof Alert a && a.code() == Alert.SESSION_ABORT) {
        return End.of(SessionOutcome.ABORTED_BY_SERVER, "server sent Alert 1223");
      } else if (c instanceof Alert a && a.code() == Alert.NEXT_MESSAGE) {
        book.status(a, 200);
      } else {
        if (assembler.pending() && !assembler.continues(c)) {
          interrupted(book);
        }
        if (assembler.continues(c) || LargeObjectAssembler.startsChunks(c)) {
          chunk((ItemCommand) c, book);
        } else {
          processor.run(c, book);
        }
      }
    }
    if (m.isFinal() && assembler.pending()) {
      interrupted(book);
    }
    // The Status for this header first; then the answers to this message, which are short (a
    // server asking for our next message sends nothing else); then what is left of earlier ones.
    List<Outgoing> answers = book.drain();
    for (int i = answers.size() - 1; i >= 0; i--) {
      queue.addFirst(answers.get(i));
    }
    if (m.isFinal()) {
      serverClosed = true;
      offerAlerts();
    } else if (!continuing) {
      serverClosed = false;
    }
    if (serverClosed && !continuing && queue.isEmpty() && !assembler.pending() && check.passed()) {
      // All we would say is "your header was fine": the session is over (digest 1.6, end rule).
      return End.of(SessionOutcome.COMPLETED, null);
    }
    // Built only now: a challenge's nonce is made (and stored) only when it is sent.
    queue.addFirst(Outgoing.of(headerStatus(h, check)));
    return emit();
  }

  /** The server's Status for our header: go on, restart package 1 (a challenge), or stop. */
  private Optional<Step> onHeaderStatus(Status s, SyncHeader h, Authenticator.Check check) {
    Authenticator.Verdict verdict = auth.accept(s);
    if (verdict == Authenticator.Verdict.GIVE_UP) {
      return Optional.of(authAbort("server refused our credentials (" + s.code() + ")", h, check));
    }
    if (verdict == Authenticator.Verdict.RESTART) {
      return Optional.of(restart(headerStatus(h, check)));
    }
    if (!Commands.succeeded(s.code())) {
      return Optional.of(
          End.of(SessionOutcome.FAILED, "server answered " + s.code() + " to our header"));
    }
    return Optional.empty();
  }

  private void onStatus(Status s) {
    if ("0".equals(s.cmdRef())) {
      return; // taken before the loop
    }
    Outgoing o = awaiting.remove(s.msgRef() + "/" + s.cmdRef());
    if (o != null) {
      o.onStatus().accept(s);
    }
  }

  /**
   * A command of a server that is not authenticated: not run, answered with the header's own code
   * (401 or 407), so the server knows to send it again with credentials. Statuses and Results of
   * such a server are ignored (they would acknowledge alerts).
   */
  private static void refuse(Command c, int code, StatusBook book) {
    if (!(c instanceof Status) && !(c instanceof Results)) {
      book.status(c, code);
    }
  }

  private static Status headerStatus(SyncHeader h, Authenticator.Check check) {
    return new Status(
        "0",
        h.msgId(),
        "0",
        Status.SYNC_HDR,
        List.of(h.target().locUri()),
        List.of(h.source().locUri()),
        Optional.empty(),
        check.challenge().get(),
        check.code(),
        List.of());
  }

  /**
   * The server challenged our credentials: package 1 again (Alert, DevInfo, pending alerts), same
   * SessionID, to the RespURI, with the credentials the challenge asked for (digest 1.6, 3.3).
   * Whatever else the server's message held is dropped: a challenge carries only Statuses.
   */
  private Step restart(Status headerStatus) {
    queue.clear();
    awaiting.clear();
    offeredAlerts.clear();
    if (assembler.pending()) {
      assembler.abandon();
    }
    serverClosed = true;
    ourPackageOpen = false;
    queue.add(Outgoing.of(headerStatus));
    int code = serverInitiated ? Alert.SERVER_INITIATED_MGMT : Alert.CLIENT_INITIATED_MGMT;
    queue.add(Outgoing.of(Alert.of("0", code)));
    try {
      queue.add(Outgoing.of(DevInfoReport.replace(tree, server.encoding())));
      addRequestedMos();
    } catch (DmException e) {
      return abort("DevInfo unreadable for package 1: " + e.getMessage());
    }
    offerAlerts();
    return emit();
  }

  /** Authentication failed too often: our header's Status and Alert 1223 end the session. */
  private Step authAbort(String reason, SyncHeader h, Authenticator.Check check) {
    Status headerStatus = headerStatus(h, check);
    authGaveUp = true;
    queue.clear();
    msgId++;
    SyncMessage last =
        new SyncMessage(
            header(),
            List.of(headerStatus.withCmdId("1"), Alert.of("2", Alert.SESSION_ABORT)),
            true);
    return new End(SessionOutcome.ABORTED_BY_CLIENT, Optional.of(reason), Optional.of(last));
  }

  private void chunk(ItemCommand c, StatusBook book) {
    Item item = c.items().get(0);
    LargeObjectAssembler.Offer offer = assembler.offer(c);
    if (offer instanceof LargeObjectAssembler.Buffered) {
      book.status(c, 213, item);
    } else if (offer instanceof LargeObjectAssembler.Refused r) {
      log.accept(
          "large object for "
              + WireText.quote(item.targetUri().orElse("?"))
              + " refused with "
              + r.code());
      book.status(c, r.code(), item);
    } else {
      processor.runWhole(((LargeObjectAssembler.Whole) offer).command(), book);
    }
  }

  /** Something came before the last chunk: the object is dropped and Alert 1225 says so. */
  private void interrupted(StatusBook book) {
    Item item = assembler.abandon();
    log.accept(
        "large object for "
            + WireText.quote(item.targetUri().orElse("?"))
            + " interrupted: Alert 1225");
    book.add(
        Outgoing.of(new Alert("0", false, Alert.NO_END_OF_DATA, Optional.empty(), List.of(item))));
  }

  private void offerAlerts() {
    List<QueuedAlert> pending;
    try {
      pending = outbox.pendingFor(account.serverId());
    } catch (IOException e) {
      log.accept("alert outbox unreadable, alerts wait for a later session: " + e.getMessage());
      return;
    }
    for (QueuedAlert q : pending) {
      if (offeredAlerts.add(q.id())) {
        queue.add(Outgoing.awaiting(alertCommand(q), s -> acknowledged(q, s)));
      }
    }
  }

  private void acknowledged(QueuedAlert q, Status s) {
    if (s.code() != 200 && s.code() != 202) {
      log.accept("server answered " + s.code() + " to alert " + q.id() + "; it stays queued");
      return;
    }
    try {
      outbox.acknowledge(List.of(q.id()));
    } catch (IOException e) {
      log.accept("alert " + q.id() + " acknowledged but not removed: " + e.getMessage());
    }
  }

  private Alert alertCommand(QueuedAlert q) {
    GenericAlert a = q.alert();
    Meta meta = Meta.of(a.format().wireName(), a.type()).withMark(a.mark().wireName());
    ItemData data;
    if (a.format() == NodeFormat.BIN && server.encoding() == Encoding.WBXML) {
      data = ItemData.opaque(a.data());
    } else if (a.format() == NodeFormat.BIN) {
      meta = meta.withFormat(NodeFormat.B64.wireName());
      data = ItemData.text(Base64.getEncoder().encodeToString(a.data()));
    } else {
      data = ItemData.text(new String(a.data(), java.nio.charset.StandardCharsets.UTF_8));
    }
    Item item =
        new Item(
            Optional.empty(),
            a.source().map(NodeUri::toString).map(Locator::of),
            Optional.of(meta),
            Optional.of(data),
            false);
    return new Alert("0", false, q.alertCode(), a.correlator(), List.of(item));
  }

  private Step emit() {
    if (msgId >= settings.maxMessages()) {
      return abort("more than " + settings.maxMessages() + " messages in one session");
    }
    msgId++;
    SyncHeader header = header();
    List<Outgoing> part = splitter.fill(header, queue, server.maxMsgSize(), server.encoding());
    List<Command> commands = new ArrayList<>();
    for (Outgoing o : part) {
      commands.add(o.command());
      if (o.awaitsStatus()) {
        awaiting.put(msgId + "/" + o.command().cmdId(), o);
      }
    }
    boolean last = queue.isEmpty();
    ourPackageOpen = !last;
    if (last && !serverClosed) {
      commands.add(Alert.of(Integer.toString(commands.size() + 1), Alert.NEXT_MESSAGE));
    }
    return new Send(new SyncMessage(header, commands, last && serverClosed));
  }

  private SyncHeader header() {
    return new SyncHeader(
        SyncHeader.VER_DTD,
        server.verProto(),
        sessionId,
        Integer.toString(msgId),
        Locator.of(target().toString()),
        new Locator(devId, auth.userName()),
        Optional.empty(),
        auth.credential(),
        Optional.of(
            Meta.EMPTY
                .withMaxMsgSize(settings.maxMsgSize())
                .withMaxObjSize(settings.maxObjSize())));
  }

  /** A header we cannot accept: its Status says why, Alert 1223 ends the session. */
  private Step rejectHeader(SyncHeader h, int code, String reason) {
    log.accept("session " + sessionId + ": " + reason + ", answered " + code);
    queue.clear();
    msgId++;
    Status status =
        new StatusBook(h.msgId())
            .status(
                "0",
                Status.SYNC_HDR,
                code,
                List.of(h.target().locUri()),
                List.of(h.source().locUri()),
                List.of());
    SyncMessage last =
        new SyncMessage(
            header(), List.of(status.withCmdId("1"), Alert.of("2", Alert.SESSION_ABORT)), true);
    return new End(SessionOutcome.ABORTED_BY_CLIENT, Optional.of(reason), Optional.of(last));
  }

  private Step abort(String reason) {
    queue.clear();
    msgId++;
    SyncMessage last = new SyncMessage(header(), List.of(Alert.of("1", Alert.SESSION_ABORT)), true);
    return new End(SessionOutcome.ABORTED_BY_CLIENT, Optional.of(reason), Optional.of(last));
  }

  private static Optional<URI> uri(String s) {
    try {
      URI u = new URI(s);
      return u.isAbsolute() ? Optional.of(u) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }
}
