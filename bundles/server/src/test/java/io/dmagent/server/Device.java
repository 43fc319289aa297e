package io.dmagent.server;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.codec.message.SyncMlCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scripted device for the server's tests: sends the messages a test writes, over real HTTP in
 * real XML or WBXML, follows the RespURI, and hands back the server's decoded answer.
 */
final class Device {
  static final MessageCodec CODEC = new SyncMlCodec();

  final String devId;
  final Encoding encoding;

  /** One client for all devices of a test run: one kept-alive connection, as a gateway has. */
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final HttpClient http = HTTP;
  private final String sessionId;
  private URI target;
  private int msgId;
  private long maxMsgSize = 64 * 1024;
  private String mediaType;
  private Optional<io.dmagent.api.message.Credential> cred = Optional.empty();
  HttpResponse<byte[]> lastResponse;

  Device(String devId, Encoding encoding, URI server, String sessionId) {
    this.devId = devId;
    this.encoding = encoding;
    this.target = server;
    this.sessionId = sessionId;
    this.mediaType =
        encoding == Encoding.WBXML
            ? "application/vnd.syncml.dm+wbxml"
            : "application/vnd.syncml.dm+xml";
  }

  Device maxMsgSize(long value) {
    this.maxMsgSize = value;
    return this;
  }

  /** The Cred of the device's next messages (none by default). */
  Device cred(io.dmagent.api.message.Credential value) {
    this.cred = Optional.of(value);
    return this;
  }

  /** Sends with a data-sync media type, as libdmclient does. */
  Device dataSyncMediaType() {
    this.mediaType =
        encoding == Encoding.WBXML ? "application/vnd.syncml+wbxml" : "application/vnd.syncml+xml";
    return this;
  }

  String msgId() {
    return Integer.toString(msgId);
  }

  URI target() {
    return target;
  }

  /** Package 1: Alert 1201 and DevInfo, plus any extra commands (alerts). */
  SyncMessage packageOne(Command... extra) throws Exception {
    List<Command> commands = new ArrayList<>();
    commands.add(Alert.of("1", Alert.CLIENT_INITIATED_MGMT));
    commands.add(
        new ItemCommand(
            CommandName.REPLACE,
            "2",
            false,
            Optional.empty(),
            List.of(
                leaf("./DevInfo/DevId", devId),
                leaf("./DevInfo/Man", "ACME"),
                leaf("./DevInfo/Mod", "GW-100"),
                leaf("./DevInfo/DmV", "DM Agent 0.1.0"),
                leaf("./DevInfo/Lang", "en"))));
    commands.addAll(List.of(extra));
    return send(commands, true);
  }

  static Item leaf(String uri, String value) {
    return Item.source(uri, Meta.of("chr", "text/plain"), ItemData.text(value));
  }

  SyncMessage send(List<Command> commands, boolean isFinal) throws Exception {
    SyncMessage reply = post(CODEC.encode(message(commands, isFinal), encoding));
    reply.header().respUri().ifPresent(uri -> target = URI.create(uri));
    return reply;
  }

  SyncMessage message(List<Command> commands, boolean isFinal) {
    msgId++;
    SyncHeader header =
        new SyncHeader(
            SyncHeader.VER_DTD,
            SyncHeader.DM_1_2,
            sessionId,
            msgId(),
            Locator.of(target.toString()),
            Locator.of(devId),
            Optional.empty(),
            cred,
            Optional.of(Meta.EMPTY.withMaxMsgSize(maxMsgSize)));
    return new SyncMessage(header, commands, isFinal);
  }

  /** Posts raw bytes and decodes the answer; fails the test if the server did not answer 200. */
  SyncMessage post(byte[] body) throws Exception {
    lastResponse = postRaw(target, mediaType, body);
    if (lastResponse.statusCode() != 200) {
      throw new AssertionError(
          "HTTP " + lastResponse.statusCode() + ": " + new String(lastResponse.body()));
    }
    return CODEC.decode(lastResponse.body(), encoding, Integer.MAX_VALUE);
  }

  HttpResponse<byte[]> postRaw(URI to, String contentType, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(to)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The Status a device owes each command of the server's message, all with {@code code}. */
  static List<Command> statusesFor(SyncMessage server, int code) {
    List<Command> out = new ArrayList<>();
    int id = 1;
    out.add(Status.of(Integer.toString(id++), server.header().msgId(), "0", Status.SYNC_HDR, 200));
    for (Command c : server.commands()) {
      if (c instanceof Status) {
        continue;
      }
      out.add(
          Status.of(Integer.toString(id++), server.header().msgId(), c.cmdId(), c.element(), code));
    }
    return out;
  }

  static Results results(String cmdId, String msgRef, String cmdRef, Item... items) {
    return new Results(
        cmdId,
        Optional.of(msgRef),
        cmdRef,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(items));
  }

  /** The commands of a message that are not Statuses. */
  static List<Command> commandsOf(SyncMessage m) {
    return m.commands().stream().filter(c -> !(c instanceof Status)).toList();
  }

  static List<Status> statusesOf(SyncMessage m) {
    return m.commands().stream().filter(Status.class::isInstance).map(Status.class::cast).toList();
  }
}
