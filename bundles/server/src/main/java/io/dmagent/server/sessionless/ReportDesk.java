package io.dmagent.server.sessionless;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.log.WireText;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.push.PushContentType;
import io.dmagent.server.DeviceAuth;
import io.dmagent.server.http.HttpAnswer;
import io.dmagent.server.http.HttpCall;
import io.dmagent.server.notify.DeviceCredentials;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Takes sessionless reports (FRAMINGS.md): an envelope whose MAC is checked with the device's
 * client credentials (username its CLCRED AAuthName, password its secret, nonce the timestamp),
 * whose DM message comes from the device (Source = DevId) to this server (Target = ServerID), with
 * one id per Alert. Stored once per id; a report seen before is acknowledged and not stored again.
 * The same desk serves HTTP POSTs and MQTT messages.
 */
public final class ReportDesk {
  /** What became of one envelope: the HTTP status it is answered with, and why. */
  public record Verdict(int status, String reason) {}

  /** One report of a message, before it gets its id. */
  private record Entry(String alert, String data) {}

  private final String serverId;
  private final MessageCodec codec;
  private final int maxMsgSize;
  private final DeviceCredentials credentials;
  private final ReportBook book;
  private final Clock clock;
  private final Consumer<String> warn;

  public ReportDesk(
      String serverId,
      MessageCodec codec,
      int maxMsgSize,
      DeviceCredentials credentials,
      ReportBook book,
      Clock clock,
      Consumer<String> warn) {
    this.serverId = serverId;
    this.codec = codec;
    this.maxMsgSize = maxMsgSize;
    this.credentials = credentials;
    this.book = book;
    this.clock = clock;
    this.warn = warn;
  }

  /** A report POSTed over HTTP: 200 when stored or known, 401 for a bad MAC, 400 or 415 else. */
  public HttpAnswer handle(HttpCall call) {
    if (!call.method().equals("POST")) {
      return HttpAnswer.text(405, "reports are POSTed");
    }
    Verdict v = accept(call.body(), "HTTP from " + call.client());
    return v.status() == 200
        ? new HttpAnswer(200, "text/plain; charset=utf-8", new byte[0])
        : HttpAnswer.text(v.status(), v.reason());
  }

  /** One envelope from {@code carrier}; a refusal is logged in one line. */
  public Verdict accept(byte[] bytes, String carrier) {
    Verdict v = verdict(bytes);
    if (v.status() != 200) {
      warn.accept("sessionless report (" + carrier + ") refused: " + v.reason());
    }
    return v;
  }

  private Verdict verdict(byte[] bytes) {
    Envelope envelope;
    HmacField hmac;
    try {
      envelope = Envelope.parse(bytes);
      hmac = HmacField.parse(envelope.header(Envelope.HMAC).orElse(""));
    } catch (IllegalArgumentException e) {
      return new Verdict(401, "no valid " + Envelope.HMAC + " envelope: " + e.getMessage());
    }
    String timestamp = envelope.header(Envelope.TIMESTAMP).orElse("");
    if (!timestamp.matches("\\d{1,19}")) {
      return new Verdict(400, "no decimal " + Envelope.TIMESTAMP);
    }
    Optional<PushContentType> type =
        envelope.header(Envelope.CONTENT_TYPE).flatMap(PushContentType::fromMimeType);
    if (type.isEmpty() || type.get().isNotification()) {
      return new Verdict(415, "the envelope's Content-Type is no DM message type");
    }
    SyncMessage message;
    try {
      message =
          codec.decode(
              envelope.message(),
              type.get() == PushContentType.DM_MESSAGE_WBXML ? Encoding.WBXML : Encoding.XML,
              maxMsgSize);
    } catch (MessageFormatException e) {
      return new Verdict(400, "not a DM message: " + WireText.quote(e.getMessage(), 200));
    }
    String devId = message.header().source().locUri();
    Optional<DeviceAuth> auth = credentials.auth(devId);
    if (auth.isEmpty()
        || !auth.get().clientName().equals(hmac.username())
        || !hmac.algorithm()
            .verifies(
                hmac.mac(),
                hmac.username(),
                auth.get().clientSecret(),
                timestamp,
                envelope.message())) {
      return new Verdict(
          401,
          "MAC of "
              + WireText.quote(hmac.username())
              + " for "
              + WireText.quote(devId)
              + " does not verify with the device's client credentials");
    }
    if (!message.header().target().locUri().equals(serverId)) {
      return new Verdict(400, "report for " + WireText.quote(message.header().target().locUri()));
    }
    Optional<String> outcomeOf = envelope.header(Envelope.OUTCOME_OF);
    if (outcomeOf.isPresent() && !outcomeOf.get().matches("[\\x21-\\x7e]{1,64}")) {
      return new Verdict(400, Envelope.OUTCOME_OF + " is not a SessionID");
    }
    return store(devId, message, envelope.header(Envelope.REPORT_IDS).orElse(""), outcomeOf);
  }

  /**
   * One report per Alert (or one for an outcome, named {@code outcome of <SessionID>} when the
   * envelope says which command message it answers), paired with the ids in order.
   */
  private Verdict store(
      String devId, SyncMessage message, String idList, Optional<String> outcomeOf) {
    List<String> ids =
        idList.isBlank() ? List.of() : Arrays.stream(idList.split(",")).map(String::strip).toList();
    List<Entry> reports = new ArrayList<>();
    for (Command c : message.commands()) {
      if (c instanceof Alert a) {
        reports.add(alert(a));
      }
    }
    if (!reports.isEmpty() && outcomeOf.isPresent()) {
      return new Verdict(400, "Alerts with " + Envelope.OUTCOME_OF + ": an outcome goes alone");
    }
    if (reports.isEmpty()) {
      long statuses = message.commands().stream().filter(Status.class::isInstance).count();
      long results = message.commands().stream().filter(Results.class::isInstance).count();
      if (statuses + results > 0) {
        reports.add(
            new Entry(
                outcomeOf.map(sid -> "outcome of " + sid).orElse("outcome"),
                statuses + " Status, " + results + " Results: " + outcome(message)));
      }
    }
    if (reports.isEmpty() || ids.size() != reports.size()) {
      return new Verdict(
          400, reports.size() + " reports with " + ids.size() + " ids in " + Envelope.REPORT_IDS);
    }
    int stored = 0;
    for (int i = 0; i < reports.size(); i++) {
      Entry r = reports.get(i);
      if (book.add(new ReceivedReport(ids.get(i), devId, r.alert(), r.data(), clock.instant()))) {
        stored++;
      }
    }
    return new Verdict(200, stored + " of " + reports.size() + " stored (others known)");
  }

  private static Entry alert(Alert a) {
    Optional<Item> first = a.items().stream().findFirst();
    String type = first.flatMap(Item::meta).flatMap(m -> m.type()).map(t -> " " + t).orElse("");
    String source = first.flatMap(Item::source).map(l -> l.locUri() + " ").orElse("");
    String data = first.flatMap(Item::data).map(d -> d.text()).orElse("");
    return new Entry(a.code() + type, source + data);
  }

  private static String outcome(SyncMessage m) {
    StringBuilder s = new StringBuilder();
    for (Command c : m.commands()) {
      if (c instanceof Status st && !st.cmdRef().equals("0")) {
        s.append(st.cmd())
            .append(' ')
            .append(st.cmdRef())
            .append('=')
            .append(st.code())
            .append(' ');
      }
    }
    return s.toString().strip();
  }
}
