package io.dmagent.server.sessionless;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.push.PushContentType;
import io.dmagent.server.DeviceAuth;
import io.dmagent.server.notify.DeviceCredentials;
import io.dmagent.server.push.PushAddress;
import io.dmagent.server.push.PushBinding;
import io.dmagent.server.push.PushDirectory;
import io.dmagent.server.push.PushPayload;
import io.dmagent.server.push.PushSenders;
import io.dmagent.server.script.Script;
import io.dmagent.server.script.Step;
import io.dmagent.server.script.StepCompiler;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a script as a sessionless command (FRAMINGS.md): one DM message (VerProto DM/1.3, SessionID
 * the timestamp in hex, MsgID 1, Final) in the envelope, signed with the server's credentials for
 * the device (username the ServerID, password the server secret, nonce the timestamp), pushed over
 * the device's binding. Timestamps are the clock's milliseconds, strictly increasing.
 */
public final class SessionlessCommands {
  private final String serverId;
  private final MessageCodec codec;
  private final Encoding encoding;
  private final DeviceCredentials credentials;
  private final PushDirectory directory;
  private final PushSenders senders;
  private final Clock clock;
  private long lastTimestamp;

  public SessionlessCommands(
      String serverId,
      MessageCodec codec,
      Encoding encoding,
      DeviceCredentials credentials,
      PushDirectory directory,
      PushSenders senders,
      Clock clock) {
    this.serverId = serverId;
    this.codec = codec;
    this.encoding = encoding;
    this.credentials = credentials;
    this.directory = directory;
    this.senders = senders;
    this.clock = clock;
  }

  /**
   * Pushes {@code script} to {@code devId}; one line says what was sent and the answer.
   *
   * @param report whether the device is asked to send the outcome as a sessionless report
   * @throws SessionlessException for an unknown device, a script a single message cannot carry, no
   *     address, no credentials, or a failed push
   */
  public String push(String devId, Script script, boolean report, Optional<PushBinding> binding)
      throws SessionlessException {
    if (!credentials.knows(devId) && !directory.names(devId)) {
      throw new SessionlessException("no device " + devId + " (dmserver:devices lists them)");
    }
    if (script.packages().size() != 1 || script.commandCount() == 0) {
      throw new SessionlessException(
          "script "
              + script.name()
              + " is not one package of commands: a sessionless command is one message");
    }
    if (script.packages().get(0).stream().anyMatch(s -> s instanceof Step.Abort)) {
      throw new SessionlessException("script " + script.name() + " aborts: no session to abort");
    }
    DeviceAuth auth =
        credentials
            .auth(devId)
            .filter(a -> !a.serverSecret().isEmpty())
            .orElseThrow(
                () ->
                    new SessionlessException(
                        "no server secret for " + devId + ": a sessionless command is signed"));
    PushAddress to =
        directory
            .address(devId, binding)
            .orElseThrow(() -> new SessionlessException("no push address for " + devId));
    long timestamp = nextTimestamp();
    Envelope envelope = envelope(devId, script, report, auth.serverSecret(), timestamp);
    PushContentType type =
        encoding == Encoding.WBXML
            ? PushContentType.DM_MESSAGE_WBXML
            : PushContentType.DM_MESSAGE_XML;
    try {
      String answer = senders.send(to, devId, new PushPayload(type, envelope.bytes()));
      return "sessionless command "
          + script.name()
          + " ("
          + script.commandCount()
          + " commands, timestamp "
          + timestamp
          + (report ? ", outcome reported as outcome of " + sessionId(timestamp) : "")
          + ") sent to "
          + devId
          + " over "
          + to
          + "; answer: "
          + answer;
    } catch (IOException | IllegalArgumentException e) {
      throw new SessionlessException(
          "sessionless command to " + devId + " over " + to + " failed: " + e.getMessage());
    }
  }

  /** The signed envelope of {@code script} at {@code timestamp}. */
  Envelope envelope(String devId, Script script, boolean report, String secret, long timestamp) {
    AtomicInteger ids = new AtomicInteger();
    List<Command> commands = new ArrayList<>();
    for (Step s : script.packages().get(0)) {
      commands.add(StepCompiler.compile(s, () -> Integer.toString(ids.incrementAndGet())));
    }
    SyncHeader header =
        new SyncHeader(
            SyncHeader.VER_DTD,
            SyncHeader.DM_1_3,
            sessionId(timestamp),
            "1",
            Locator.of(devId),
            Locator.of(serverId),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    byte[] message = codec.encode(new SyncMessage(header, commands, true), encoding);
    String ts = Long.toString(timestamp);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        Envelope.HMAC,
        new HmacField(EnvelopeMac.MD5, serverId, EnvelopeMac.MD5.mac(serverId, secret, ts, message))
            .text());
    headers.put(Envelope.TIMESTAMP, ts);
    if (report) {
      headers.put(Envelope.REPORT, "outcome");
    }
    headers.put(
        Envelope.CONTENT_TYPE,
        encoding == Encoding.WBXML
            ? PushContentType.DM_MESSAGE_WBXML.mimeType()
            : PushContentType.DM_MESSAGE_XML.mimeType());
    return new Envelope(headers, message);
  }

  /** The message's SessionID: the timestamp in upper-case hexadecimal (FRAMINGS.md). */
  private static String sessionId(long timestamp) {
    return Long.toHexString(timestamp).toUpperCase(Locale.ROOT);
  }

  /** The clock's milliseconds, or one more than the last when the clock has not moved on. */
  private synchronized long nextTimestamp() {
    lastTimestamp = Math.max(clock.millis(), lastTimestamp + 1);
    return lastTimestamp;
  }
}
