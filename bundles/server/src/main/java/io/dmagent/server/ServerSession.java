package io.dmagent.server;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Sequence;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.server.script.Script;
import io.dmagent.server.script.Step;
import io.dmagent.server.script.StepCompiler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The server's side of one management session (DM protocol packages 2 and 4 and the messages in
 * between): answers each client message with the Statuses it owes, then the script's next commands,
 * split into messages of the device's MaxMsgSize, large values sent as large objects; records every
 * status and result; ends the session with a package that asks for nothing more. One message at a
 * time: the HTTP exchange that carries it holds the session's lock.
 */
final class ServerSession {
  /** Room kept free in every message for what the size estimate cannot see (Final, rounding). */
  private static final int MARGIN = 16;

  /** Below this room a large object's chunk would be mostly overhead: wait for the next message. */
  private static final int MIN_CHUNK_ROOM = 256;

  private final String token;
  private final String respUri;
  private final ServerSettings settings;
  private final MessageCodec codec;
  private final SessionLog log;
  private final Clock clock;
  private final ServerAuth auth;
  private final Admission admission;

  /** The device's record and the script's packages: none until the device authenticated. */
  private DeviceState device;

  private final Deque<List<Step>> packages = new ArrayDeque<>();
  private final Deque<Step> pending = new ArrayDeque<>();
  private final Map<String, IncomingObject> incoming = new HashMap<>();
  private OutgoingObject outgoing;
  private boolean deferred;
  private int msgId;
  private int cmdId;
  private long clientMaxMsgSize = Long.MAX_VALUE;

  /** The commands of our last message, sent again when the device refuses our credentials. */
  private List<Command> lastCommands = List.of();

  private boolean lastFinal = true;
  private volatile Instant lastActivity;

  ServerSession(
      String token,
      String respUri,
      ServerSettings settings,
      MessageCodec codec,
      SessionLog log,
      Clock clock,
      ServerAuth auth,
      Admission admission) {
    this.token = token;
    this.respUri = respUri;
    this.settings = settings;
    this.codec = codec;
    this.log = log;
    this.clock = clock;
    this.auth = auth;
    this.admission = admission;
    this.lastActivity = clock.instant();
  }

  /**
   * Where a session whose device has just authenticated (or of which none is asked) gets the
   * device's record and its script: only then does the server keep anything for the device.
   */
  interface Admission {
    Admitted admit(ServerSession session);
  }

  record Admitted(DeviceState device, Script script) {}

  /** Whether the device authenticated (or none is asked of it). */
  boolean admitted() {
    return device != null;
  }

  String token() {
    return token;
  }

  SessionLog log() {
    return log;
  }

  Instant lastActivity() {
    return lastActivity;
  }

  /**
   * The server's answer to one client message, in the encoding the client used; {@code body} and
   * {@code hmac} are the message's bytes and {@code x-syncml-hmac} header, for HMAC.
   */
  synchronized SyncMessage answer(
      SyncMessage in, Encoding encoding, byte[] body, Optional<String> hmac) {
    lastActivity = clock.instant();
    SyncHeader clientHeader = in.header();
    clientHeader
        .meta()
        .ifPresent(m -> m.maxMsgSize().ifPresent(max -> clientMaxMsgSize = Math.max(max, 256)));
    // The device's NextNonce for us first: our reply's Cred is built on it.
    in.commands().stream()
        .filter(c -> c instanceof Status st && st.cmdRef().equals("0"))
        .findFirst()
        .ifPresent(c -> auth.onHeaderStatus((Status) c));
    SyncHeader header = replyHeader(clientHeader);
    List<Command> statuses = new ArrayList<>();
    int headerCode = headerStatus(clientHeader);
    ServerAuth.Check check = new ServerAuth.Check(headerCode, Optional.empty());
    if (headerCode == 200) {
      check = auth.check(clientHeader, body, hmac);
      headerCode = check.code();
    }
    statuses.add(
        new Status(
            nextCmdId(),
            clientHeader.msgId(),
            "0",
            Status.SYNC_HDR,
            List.of(clientHeader.target().locUri()),
            List.of(clientHeader.source().locUri()),
            Optional.empty(),
            check.challenge(),
            headerCode,
            List.of()));
    if (headerCode == 401 || headerCode == 407) {
      return refuse(in, header, statuses, headerCode);
    }
    if (!check.passed()) {
      end(SessionState.REFUSED);
      return send(header, statuses, true);
    }
    if (device == null && auth.authenticated()) {
      Admitted admitted = admission.admit(this);
      device = admitted.device();
      packages.addAll(admitted.script().packages());
    }
    boolean abortedByClient = false;
    for (Command command : in.commands()) {
      abortedByClient |= receive(command, clientHeader.msgId(), statuses);
    }
    if (abortedByClient) {
      end(SessionState.ABORTED_BY_CLIENT);
      return send(header, statuses.subList(0, 1), true);
    }
    boolean nextAsked =
        in.commands().stream()
            .anyMatch(c -> c instanceof Alert a && a.code() == Alert.NEXT_MESSAGE);
    if (!in.isFinal() && !nextAsked) {
      // The device's package goes on in its next message: ask for it.
      statuses.add(Alert.of(nextCmdId(), Alert.NEXT_MESSAGE));
      return send(header, statuses, true);
    }
    if (log.state() != SessionState.ACTIVE) {
      // The device had more to say after the server's last package (alerts): answer, stay ended.
      return send(header, statuses, true);
    }
    return nextMessage(header, statuses, encoding);
  }

  /**
   * A device that failed authentication: only Statuses, one per command with the header's code,
   * nothing of the script run (digest 3.3). The session waits for package 1 with credentials, and
   * is refused after too many failures.
   */
  private SyncMessage refuse(SyncMessage in, SyncHeader header, List<Command> statuses, int code) {
    String msgRef = in.header().msgId();
    for (Command c : in.commands()) {
      if (!(c instanceof Status) && !(c instanceof Results) && !c.noResp()) {
        statuses.add(Status.of(nextCmdId(), msgRef, c.cmdId(), c.element(), code));
      }
    }
    if (auth.exhausted()) {
      end(SessionState.REFUSED);
    }
    return send(header, statuses, true);
  }

  /** The {@code x-syncml-hmac} header for our encoded message, when the server signs by HMAC. */
  Map<String, String> responseHeaders(byte[] body) {
    return auth.headers(body);
  }

  private int headerStatus(SyncHeader h) {
    if (!SyncHeader.VER_DTD.equals(h.verDtd())) {
      return 505;
    }
    if (!SyncHeader.DM_1_2.equals(h.verProto()) && !SyncHeader.DM_1_3.equals(h.verProto())) {
      return 513;
    }
    return 200;
  }

  /** Handles one client command; true when it aborts the session. */
  private boolean receive(Command command, String msgRef, List<Command> statuses) {
    if (command instanceof Status s) {
      onStatus(s);
      return false;
    }
    if (command instanceof Results r) {
      onResults(r, msgRef, statuses);
      return false;
    }
    int code = 200;
    if (command instanceof Alert a) {
      if (a.code() == Alert.SESSION_ABORT) {
        return true;
      }
      if (a.code() != Alert.CLIENT_INITIATED_MGMT
          && a.code() != Alert.SERVER_INITIATED_MGMT
          && a.code() != Alert.NEXT_MESSAGE) {
        log.alert(received(a));
      }
    } else if (command instanceof ItemCommand c && c.name().element().equals("Replace")) {
      // Package 1 carries DevInfo as a Replace from the device.
      for (Item item : c.items()) {
        item.sourceUri()
            .or(item::targetUri)
            .ifPresent(uri -> device.devInfo(uri, item.data().map(ItemData::text).orElse("")));
      }
    } else {
      // A client originates only Replace (DevInfo), Results, Alert and Status.
      code = 406;
    }
    if (!command.noResp()) {
      statuses.add(Status.of(nextCmdId(), msgRef, command.cmdId(), command.element(), code));
    }
    return false;
  }

  private void onStatus(Status s) {
    if (s.cmdRef().equals("0")) {
      return;
    }
    boolean chunk =
        outgoing != null && outgoing.firstCmdId().isPresent() && s.code() == 213 && isChunk(s);
    if (chunk) {
      return;
    }
    if (outgoing != null && isChunk(s)) {
      outgoing = null; // the device refused the large object: send no more of it
    }
    if (log.status(s.cmdRef(), s.code()) && !s.items().isEmpty()) {
      // The answer to a user-interaction alert (text typed, choices made).
      log.results(
          s.cmdRef(),
          s.items().stream()
              .map(
                  i ->
                      new ResultItem(
                          "",
                          Optional.empty(),
                          Optional.empty(),
                          i.data().map(ItemData::text).orElse("")))
              .toList());
    }
  }

  private boolean isChunk(Status s) {
    return log.command(s.cmdRef())
        .map(c -> outgoing.firstCmdId().map(c.cmdId()::equals).orElse(false))
        .orElse(false);
  }

  private void onResults(Results r, String msgRef, List<Command> statuses) {
    List<ResultItem> complete = new ArrayList<>();
    int code = 200;
    // Results of no command the server sent are answered, never kept.
    boolean asked = log.command(r.cmdRef()).isPresent();
    for (Item item : r.items()) {
      String uri = item.sourceUri().or(item::targetUri).orElse(r.sourceRef().orElse(""));
      Optional<Meta> meta = item.meta().or(r::meta);
      String data = item.data().map(ItemData::text).orElse("");
      IncomingObject partial = incoming.get(uri);
      if (item.moreData()) {
        if (!asked || incomingChars() + data.length() > settings.maxObjSize()) {
          // More than the MaxObjSize the server announced: the object is refused, not held.
          incoming.remove(uri);
          code = 413;
          continue;
        }
        if (partial == null) {
          partial = new IncomingObject(meta);
          incoming.put(uri, partial);
        }
        partial.data.append(data);
        code = 213;
        continue;
      }
      if (partial != null) {
        incoming.remove(uri);
        partial.data.append(data);
        data = partial.data.toString();
        meta = partial.meta;
        long bytes = data.getBytes(StandardCharsets.UTF_8).length;
        if (partial.size().isPresent() && partial.size().getAsLong() != bytes) {
          code = 424;
        }
      }
      ResultItem result =
          new ResultItem(uri, meta.flatMap(Meta::format), meta.flatMap(Meta::type), data);
      complete.add(result);
      if (asked) {
        device.result(result);
      }
    }
    log.results(r.cmdRef(), complete);
    // Results are answered only when they are not simply accepted (digest 1.5).
    if (code != 200) {
      statuses.add(
          new Status(
              nextCmdId(),
              msgRef,
              r.cmdId(),
              r.element(),
              List.of(),
              r.items().isEmpty() ? List.of() : r.items().get(0).sourceUri().stream().toList(),
              Optional.empty(),
              Optional.empty(),
              code,
              List.of()));
    }
  }

  /** The characters of large objects held, unfinished, in this session. */
  private long incomingChars() {
    return incoming.values().stream().mapToLong(o -> o.data.length()).sum();
  }

  /** The message after the device finished its package: more of the script, or the end. */
  private SyncMessage nextMessage(SyncHeader header, List<Command> statuses, Encoding encoding) {
    if (auth.takeChallenge() && !lastCommands.isEmpty()) {
      // The device ran none of our last commands: the same again, with credentials it accepts.
      List<Command> again = new ArrayList<>(statuses);
      again.addAll(lastCommands);
      return send(header, again, lastFinal);
    }
    if (outgoing == null && pending.isEmpty() && !packages.isEmpty()) {
      pending.addAll(packages.pollFirst());
    }
    List<Command> body = new ArrayList<>(statuses);
    long budget = budget(header, statuses, encoding);
    long emptyBudget = budget(header, statuses.subList(0, 1), encoding);
    boolean sentCommand = false;
    boolean aborted = false;
    String thisMsgId = header.msgId();
    if (outgoing != null) {
      Command chunk = outgoing.next(budget, this::nextCmdId, codec, encoding);
      body.add(chunk);
      log.alias(chunk.cmdId(), outgoing.firstCmdId().orElseThrow());
      sentCommand = true;
      if (!outgoing.hasMore()) {
        outgoing = null;
      }
    }
    while (outgoing == null && !pending.isEmpty()) {
      Step step = pending.peekFirst();
      int savedCmdId = cmdId;
      Command command = StepCompiler.compile(step, this::nextCmdId);
      long size = codec.encodedSize(command, encoding);
      if (size > budget) {
        cmdId = savedCmdId;
        if (sentCommand) {
          break; // the next message takes it
        }
        boolean statusesCrowd = statuses.size() > 1;
        boolean chunkable = step instanceof Step.NodeCommand n && n.value().isPresent();
        if (statusesCrowd && !deferred && (size <= emptyBudget || budget < MIN_CHUNK_ROOM)) {
          // This message carries the statuses; the command fits the next one better. Once only:
          // the next message carries statuses too (for the device's 1222).
          deferred = true;
          break;
        }
        if (chunkable) {
          outgoing = new OutgoingObject((Step.NodeCommand) step);
          command = outgoing.next(budget, this::nextCmdId, codec, encoding);
          if (!outgoing.hasMore()) {
            outgoing = null;
          }
        } else {
          // Bigger than any message the device takes and not splittable: it is sent anyway and
          // the device answers for it (413); the script must change, not the protocol.
          command = StepCompiler.compile(step, this::nextCmdId);
        }
      }
      pending.pollFirst();
      body.add(command);
      record(command, thisMsgId, Optional.empty());
      budget -= size;
      sentCommand = true;
      if (step instanceof Step.Abort) {
        aborted = true;
        pending.clear();
        packages.clear();
        break;
      }
    }
    boolean isFinal = outgoing == null && pending.isEmpty();
    if (sentCommand) {
      deferred = false;
    }
    SyncMessage out = send(header, body, isFinal);
    if (aborted) {
      end(SessionState.ABORTED_BY_SERVER);
    } else if (!sentCommand && isFinal) {
      end(SessionState.COMPLETED);
    }
    return out;
  }

  private long budget(SyncHeader header, List<Command> statuses, Encoding encoding) {
    if (clientMaxMsgSize == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    long used = codec.overhead(header, encoding) + MARGIN;
    for (Command s : statuses) {
      used += codec.encodedSize(s, encoding);
    }
    return clientMaxMsgSize - used;
  }

  private void record(Command command, String msg, Optional<String> parent) {
    List<String> targets = new ArrayList<>();
    if (command instanceof ItemCommand c) {
      c.items().forEach(i -> i.targetUri().ifPresent(targets::add));
    } else if (command instanceof Exec e) {
      e.item().targetUri().ifPresent(targets::add);
    } else if (command instanceof Alert a) {
      targets.add(Integer.toString(a.code()));
    }
    log.sent(
        new CommandRecord(
            msg, command.cmdId(), command.element(), targets, parent, List.of(), List.of()));
    List<Command> inner =
        command instanceof Atomic a
            ? a.commands()
            : command instanceof Sequence s ? s.commands() : List.of();
    for (Command c : inner) {
      record(c, msg, Optional.of(command.cmdId()));
    }
  }

  private SyncMessage send(SyncHeader header, List<Command> body, boolean isFinal) {
    log.messageSent(isFinal);
    lastCommands = body.stream().filter(c -> !(c instanceof Status)).toList();
    lastFinal = isFinal;
    return new SyncMessage(header, body, isFinal);
  }

  private SyncHeader replyHeader(SyncHeader client) {
    msgId++;
    Optional<Meta> meta =
        Optional.of(
            Meta.EMPTY.withMaxMsgSize(settings.maxMsgSize()).withMaxObjSize(settings.maxObjSize()));
    return new SyncHeader(
        SyncHeader.VER_DTD,
        client.verProto(),
        client.sessionId(),
        Integer.toString(msgId),
        Locator.of(client.source().locUri()),
        Locator.of(settings.serverId()),
        Optional.of(respUri),
        auth.credential(),
        meta);
  }

  private ReceivedAlert received(Alert a) {
    return new ReceivedAlert(
        a.code(),
        a.correlator(),
        a.items().stream()
            .map(
                i ->
                    new ReceivedAlert.AlertItem(
                        i.sourceUri(),
                        i.meta().flatMap(Meta::type),
                        i.meta().flatMap(Meta::format),
                        i.meta().flatMap(Meta::mark),
                        i.data().map(ItemData::text).orElse("")))
            .toList());
  }

  private void end(SessionState outcome) {
    log.end(outcome, clock.instant());
  }

  private String nextCmdId() {
    return Integer.toString(++cmdId);
  }

  /** The chunks of a large object the device is sending, joined until its last. */
  private static final class IncomingObject {
    /** The first chunk's Meta: its Size is the whole object's, its Format and Type the value's. */
    final Optional<Meta> meta;

    final StringBuilder data = new StringBuilder();

    IncomingObject(Optional<Meta> meta) {
      this.meta = meta;
    }

    OptionalLong size() {
      return meta.map(Meta::size).orElse(OptionalLong.empty());
    }
  }
}
