package io.dmagent.sessionless;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One report as the outbox keeps it: the DM commands it sends (one Alert, or the Status and Results
 * of a sessionless command), as a DM message in XML whose header carries no message of its own. The
 * sender puts them into a real message, with a fresh header and CmdIDs, when it delivers them.
 *
 * <p>The stored header's Target says which form it is: {@value #REPORT} (every report stored before
 * outcomes named their command, and every Alert) or {@value #OUTCOME}, whose SessionID is the
 * SessionID of the command message the outcome answers.
 *
 * @param outcomeOf the SessionID of the command message this outcome answers, when known
 */
record StoredReport(List<Command> commands, Optional<String> outcomeOf) {
  static final String REPORT = "report";
  static final String OUTCOME = "outcome";

  StoredReport {
    commands = List.copyOf(commands);
    outcomeOf = outcomeOf.filter(Envelope::isOutcomeOf);
  }

  /** Alerts, or an outcome that names no command. */
  static StoredReport of(List<Command> commands) {
    return new StoredReport(commands, Optional.empty());
  }

  /** The outcome of the command message whose SessionID is {@code commandSessionId}. */
  static StoredReport outcome(String commandSessionId, List<Command> commands) {
    return new StoredReport(commands, Optional.of(commandSessionId));
  }

  byte[] encode(MessageCodec codec) {
    SyncHeader header =
        new SyncHeader(
            SyncHeader.VER_DTD,
            SyncHeader.DM_1_3,
            outcomeOf.orElse("0"),
            "1",
            Locator.of(outcomeOf.isPresent() ? OUTCOME : REPORT),
            Locator.of("agent"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return codec.encode(new SyncMessage(header, commands, true), Encoding.XML);
  }

  static StoredReport decode(MessageCodec codec, byte[] payload) throws MessageFormatException {
    SyncMessage m = codec.decode(payload, Encoding.XML, Integer.MAX_VALUE);
    boolean outcome = m.header().target().locUri().equals(OUTCOME);
    return new StoredReport(
        m.commands(), outcome ? Optional.of(m.header().sessionId()) : Optional.empty());
  }

  /** Alerts may share a message with other reports; an outcome goes alone. */
  boolean batchable() {
    return commands.stream().allMatch(Alert.class::isInstance);
  }

  /**
   * The Alert of a Generic Alert (1226) or Client Event (1224): Meta Type, Format and Mark, Source
   * the node it speaks of, binary data as b64 so that either encoding carries it.
   */
  static Alert alert(GenericAlert a, int code) {
    Meta meta = Meta.of(a.format().wireName(), a.type()).withMark(a.mark().wireName());
    ItemData data;
    if (a.format() == NodeFormat.BIN) {
      meta = meta.withFormat(NodeFormat.B64.wireName());
      data = ItemData.text(Base64.getEncoder().encodeToString(a.data()));
    } else {
      data = ItemData.text(new String(a.data(), StandardCharsets.UTF_8));
    }
    Item item =
        new Item(
            Optional.empty(),
            a.source().map(NodeUri::toString).map(Locator::of),
            Optional.of(meta),
            Optional.of(data),
            false);
    return new Alert("1", false, code, a.correlator(), List.of(item));
  }
}
