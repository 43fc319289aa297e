package io.dmagent.sessionless;

import io.dmagent.accounts.TreeAccounts;
import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.push.PushContentType;
import io.dmagent.api.security.DigestAlgorithm;
import io.dmagent.api.security.HmacHeader;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.stdobj.StandardObjects;
import io.dmagent.tree.PlainTree;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real parts a sessionless test needs: a tree in memory with DevInfo and DMAcc, an account of
 * {@link #SERVER} with client credentials and a SRVCRED secret, a {@code ./Vendor/Temp} leaf only
 * that server may change, and the real message codec. It writes signed envelopes as a server does.
 */
final class Agent {
  static final String DEV_ID = "IMEI:490154203237518";
  static final String SERVER = "srv1";
  static final String SERVER_SECRET = "srv-s3cret";
  static final String CLIENT_NAME = "gw42";
  static final String CLIENT_SECRET = "cl-s3cret";

  final List<String> log = new CopyOnWriteArrayList<>();
  final DmTree tree;
  final Accounts accounts;
  final MessageCodec codec = new SyncMlCodec();

  Agent() throws Exception {
    StandardObjects std = StandardObjects.device(DEV_ID);
    PlainTree plain = PlainTree.inMemory().codec(new DdfTndsCodec()).log(log::add).open();
    plain.graft(std.devInfo());
    plain.graft(std.dmAcc());
    this.tree = plain;
    this.accounts = TreeAccounts.on(tree, log::add);
    account(SERVER, "acc1");
    account("srv2", "acc2");
    TreeOperations device = device();
    device.addInterior(NodeUri.of("./Vendor"), null);
    device.replaceProperty(NodeUri.of("./Vendor"), NodeProperty.ACL, "Get=srv1&Replace=srv1");
    device.addLeaf(NodeUri.of("./Vendor/Temp"), NodeValue.text("20"));
    device.addLeaf(NodeUri.of("./Vendor/Mode"), NodeValue.text("eco"));
  }

  private void account(String serverId, String node) throws DmException {
    accounts.write(
        new AccountSpec(
                node,
                serverId,
                "",
                URI.create("http://127.0.0.1:1/dm"),
                Optional.of("HMAC"),
                CLIENT_NAME,
                CLIENT_SECRET)
            .withServerSecret(SERVER_SECRET));
  }

  TreeOperations device() {
    return tree.operations(Principal.device());
  }

  String value(String uri) throws DmException {
    return device().get(NodeUri.of(uri)).value().orElseThrow().text();
  }

  /** A server's DM message to this device. */
  static SyncMessage message(String source, String target, long timestamp, Command... commands) {
    SyncHeader h =
        new SyncHeader(
            SyncHeader.VER_DTD,
            SyncHeader.DM_1_3,
            Long.toHexString(timestamp).toUpperCase(Locale.ROOT),
            "1",
            Locator.of(target),
            Locator.of(source),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return new SyncMessage(h, List.of(commands), true);
  }

  /** The envelope a server writes: signed with {@code secret} as {@code signer}. */
  byte[] envelope(
      String signer, String secret, long timestamp, boolean reportOutcome, SyncMessage m) {
    byte[] body = codec.encode(m, Encoding.XML);
    HmacHeader mac =
        HmacHeader.sign(DigestAlgorithm.MD5, signer, secret, Envelope.nonce(timestamp), body);
    return new Envelope(
            mac, timestamp, reportOutcome, List.of(), PushContentType.DM_MESSAGE_XML, body)
        .write();
  }
}
