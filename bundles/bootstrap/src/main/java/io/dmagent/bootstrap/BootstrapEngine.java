package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.BootstrapMessage;
import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapResult.Outcome;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.bootstrap.Bootstrapper;
import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.log.WireText;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeTransaction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The bootstrap pipeline, plain Java: bound the size, read the content type, authenticate (MAC or a
 * trusted channel), skip a message already applied from the same source and origin, read the
 * profile into a plan, apply it in one tree transaction, record it, then ask for sessions. One log
 * line per message, whatever its outcome.
 */
final class BootstrapEngine implements Bootstrapper {
  private final DmTree tree;
  private final MessageCodec codec;
  private final DescriptionCodec tnds;
  private final BootstrapSettings settings;
  private final BootstrapMac mac;
  private final BootstrapLedger ledger;
  private final Consumer<String> sessions;
  private final Consumer<String> log;
  private final Consumer<String> warn;

  BootstrapEngine(
      DmTree tree,
      MessageCodec codec,
      DescriptionCodec tnds,
      BootstrapSettings settings,
      Secrets secrets,
      BootstrapLedger ledger,
      Consumer<String> sessions,
      Consumer<String> log,
      Consumer<String> warn) {
    this.tree = tree;
    this.codec = codec;
    this.tnds = tnds;
    this.settings = settings;
    this.mac = new BootstrapMac(secrets);
    this.ledger = ledger;
    this.sessions = sessions;
    this.log = log;
    this.warn = warn;
  }

  @Override
  public synchronized BootstrapResult apply(BootstrapMessage message) {
    String from = message.source() + " " + WireText.quote(message.origin());
    try {
      BootstrapResult result = applyOrRefuse(message);
      log.accept("bootstrap from " + from + " " + result.outcome() + ": " + result.reason());
      return result;
    } catch (Refusal r) {
      warn.accept("bootstrap from " + from + " refused (" + r.outcome() + "): " + r.getMessage());
      return new BootstrapResult(r.outcome(), List.of(), r.getMessage());
    } catch (DmException e) {
      String reason = "the tree refused it: " + e.getMessage();
      warn.accept("bootstrap from " + from + " refused (INVALID): " + reason);
      return new BootstrapResult(Outcome.INVALID, List.of(), reason);
    } catch (RuntimeException e) {
      String reason = "it could not be applied: " + e;
      warn.accept("bootstrap from " + from + " refused (INVALID): " + reason);
      return new BootstrapResult(Outcome.INVALID, List.of(), reason);
    }
  }

  private BootstrapResult applyOrRefuse(BootstrapMessage message) throws Refusal, DmException {
    if (message.length() > settings.maxMessageSize()) {
      throw Refusal.invalid(
          message.length() + " bytes, above the bound of " + settings.maxMessageSize());
    }
    if (message.length() == 0) {
      throw Refusal.invalid("it is empty");
    }
    BootstrapContentType type = BootstrapContentType.parse(message.contentType());
    byte[] body = message.body();
    authenticate(message, type, body);
    String hash = sha256(body);
    if (ledger.lastHash(message.source(), message.origin()).filter(hash::equals).isPresent()) {
      return new BootstrapResult(
          Outcome.UNCHANGED,
          List.copyOf(ledger.serverIds(message.source(), message.origin())),
          "the same message as the last one applied from there");
    }
    MoPlaces places = new MoPlaces(tree.description());
    BootstrapPlan plan =
        type.profile() == Profile.DM
            ? new DmProfileReader(codec, tnds, log)
                .read(body, type.encoding(), settings.maxMessageSize(), places)
            : new CpProfileReader(log).read(body, type.encoding(), settings.maxMessageSize());
    BootstrapApplier.Applied applied;
    try (TreeTransaction tx = tree.begin(Principal.device())) {
      applied =
          new BootstrapApplier(tree, ledger, settings, log)
              .apply(tx, plan, message, type.profile());
      tx.commit();
    }
    for (String gone : applied.withdrawn()) {
      tree.purgeServer(gone);
    }
    if (!applied.withdrawn().isEmpty()) {
      ledger.withdrawn(message.source(), message.origin(), applied.withdrawn());
    }
    ledger.applied(message.source(), message.origin(), hash, applied.serverIds());
    if (plan.init() || settings.sessionAfterBootstrap()) {
      startSessions();
    }
    return new BootstrapResult(
        Outcome.APPLIED,
        List.copyOf(applied.serverIds()),
        "accounts of " + quoted(applied.serverIds()) + " written");
  }

  private void authenticate(BootstrapMessage message, BootstrapContentType type, byte[] body)
      throws Refusal {
    if (type.signed()) {
      mac.verify(type, body);
    } else if (!settings.takesUnsigned(message.source(), message.channelAuthenticated())) {
      throw Refusal.notAuthentic("it is not signed and " + message.source() + " needs a MAC");
    }
  }

  @Override
  public synchronized BootstrapResult withdraw(BootstrapSource source, String origin) {
    Set<String> ids = ledger.serverIds(source, origin);
    Set<String> removed = new LinkedHashSet<>();
    try {
      try (TreeTransaction tx = tree.begin(Principal.device())) {
        Map<String, String> onDevice = CarriedAccounts.onDevice(tx);
        for (Map.Entry<String, String> e : onDevice.entrySet()) {
          if (ids.contains(e.getValue())) {
            tx.delete(CarriedAccounts.DMACC.child(e.getKey()));
            removed.add(e.getValue());
          }
        }
        tx.commit();
      }
      for (String id : removed) {
        tree.purgeServer(id);
      }
    } catch (DmException e) {
      String reason = "the tree refused the withdrawal: " + e.getMessage();
      log.accept(
          "bootstrap withdrawal of " + source + " " + WireText.quote(origin) + ": " + reason);
      return new BootstrapResult(Outcome.INVALID, List.of(), reason);
    }
    ledger.withdrawn(source, origin, ids);
    String reason = "accounts of " + quoted(removed) + " removed";
    log.accept("bootstrap withdrawal of " + source + " " + WireText.quote(origin) + ": " + reason);
    return new BootstrapResult(Outcome.APPLIED, List.copyOf(removed), reason);
  }

  /** DM-ADM-001: a session with every configured server, each told apart by its ServerID. */
  private void startSessions() throws DmException {
    Map<String, String> accounts = CarriedAccounts.onDevice(tree.operations(Principal.device()));
    for (String id : new LinkedHashSet<>(accounts.values())) {
      sessions.accept(id);
    }
  }

  private static String quoted(Set<String> ids) {
    List<String> q = new ArrayList<>();
    ids.forEach(id -> q.add(WireText.quote(id)));
    return q.isEmpty() ? "no server" : String.join(", ", q);
  }

  static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
