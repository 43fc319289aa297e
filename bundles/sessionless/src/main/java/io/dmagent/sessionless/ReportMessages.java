package io.dmagent.sessionless;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.account.ClientCredentials;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.push.PushContentType;
import io.dmagent.api.security.DigestAlgorithm;
import io.dmagent.api.security.HmacHeader;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Puts waiting reports of one server into one signed envelope: a DM message from our DevId to the
 * ServerID, SessionID the timestamp in upper-case hex, the reports' commands numbered from 1, and
 * the MAC with the account's CLCRED over the message and the timestamp.
 */
final class ReportMessages {
  /** One envelope ready for a channel: its bytes and the Content-Type of its DM message. */
  record Built(String contentType, byte[] envelope) {}

  private final Accounts accounts;
  private final MessageCodec codec;
  private final Supplier<Optional<String>> devId;
  private final Encoding encoding;
  private final Clock clock;

  ReportMessages(
      Accounts accounts,
      MessageCodec codec,
      Supplier<Optional<String>> devId,
      Encoding encoding,
      Clock clock) {
    this.accounts = accounts;
    this.codec = codec;
    this.devId = devId;
    this.encoding = encoding;
    this.clock = clock;
  }

  /**
   * The envelope of {@code reports} (their commands, in order) with {@code ids} in {@code
   * x-dm-report-ids}, and the SessionID of the command an outcome answers in {@code
   * x-dm-outcome-of} (an outcome goes alone, so a message answers at most one command).
   *
   * @throws IOException when the server has no account or no client credentials to sign with, or
   *     the device no DevId
   */
  Built build(String serverId, List<StoredReport> reports, List<String> ids) throws IOException {
    Account account =
        accounts.find(serverId).orElseThrow(() -> new IOException("no account any more"));
    ClientCredentials credentials =
        account
            .credentials()
            .orElseThrow(() -> new IOException("the account has no client credentials to sign"));
    String source = devId.get().orElseThrow(() -> new IOException("no ./DevInfo/DevId"));
    long timestamp = clock.millis();
    List<Command> commands = new ArrayList<>();
    for (StoredReport report : reports) {
      for (Command c : report.commands()) {
        commands.add(c.withCmdId(Integer.toString(commands.size() + 1)));
      }
    }
    SyncHeader header =
        new SyncHeader(
            SyncHeader.VER_DTD,
            SyncHeader.DM_1_3,
            Long.toHexString(timestamp).toUpperCase(Locale.ROOT),
            "1",
            Locator.of(serverId),
            Locator.of(source),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    byte[] message = codec.encode(new SyncMessage(header, commands, true), encoding);
    HmacHeader mac =
        HmacHeader.sign(
            DigestAlgorithm.MD5,
            credentials.name(),
            credentials.secret(),
            Envelope.nonce(timestamp),
            message);
    PushContentType type =
        encoding == Encoding.WBXML
            ? PushContentType.DM_MESSAGE_WBXML
            : PushContentType.DM_MESSAGE_XML;
    Optional<String> outcomeOf =
        reports.stream().map(StoredReport::outcomeOf).flatMap(Optional::stream).findFirst();
    return new Built(
        type.mimeType(),
        new Envelope(mac, timestamp, false, ids, type, message, outcomeOf).write());
  }
}
