package io.dmagent.server.bootstrap;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds a DM-profile bootstrap message (OMA DM Bootstrap): one WBXML SyncML message, SyncHdr
 * Source = the account's address (which must equal the DMAcc's AppAddr Addr), Target = the DevId,
 * with one Add to {@code ./Inbox} of the DMAcc as an embedded TNDS; no response is expected. It is
 * signed as DM Security 5.1.7 and ProvBoot say: HMAC-SHA1 over the WBXML body, here with SEC=1
 * (USERPIN), the key being the PIN's ASCII bytes.
 */
public final class BootstrapEncoder {
  /** ProvBoot SEC USERPIN: the key is the PIN given out of band. */
  public static final int SEC_USERPIN = 1;

  private static final String TNDS_TYPE = "application/vnd.syncml.dmtnds+xml";

  private final MessageCodec codec;

  public BootstrapEncoder(MessageCodec codec) {
    this.codec = codec;
  }

  /**
   * The message for {@code devId}, signed when {@code pin} (the USERPIN key) is not empty; an
   * unsigned one can only be fetched over HTTPS, where TLS authenticates the server.
   */
  public BootstrapMessage encode(String devId, BootstrapAccount account, String pin) {
    SyncHeader header =
        new SyncHeader(
            SyncHeader.VER_DTD,
            SyncHeader.DM_1_2,
            "0",
            "1",
            Locator.of(devId),
            Locator.of(account.address().toString()),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    Item tnds =
        Item.target(
            "./Inbox", Meta.of("xml", TNDS_TYPE), new ItemData.Markup(DmAccTnds.of(account)));
    ItemCommand add = new ItemCommand(CommandName.ADD, "1", true, Optional.empty(), List.of(tnds));
    byte[] body = codec.encode(new SyncMessage(header, List.of(add), true), Encoding.WBXML);
    if (pin.isEmpty()) {
      return new BootstrapMessage(body, SEC_USERPIN, new byte[0]);
    }
    return new BootstrapMessage(
        body, SEC_USERPIN, hmacSha1(pin.getBytes(StandardCharsets.US_ASCII), body));
  }

  static byte[] hmacSha1(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is in every JDK", e);
    }
  }
}
