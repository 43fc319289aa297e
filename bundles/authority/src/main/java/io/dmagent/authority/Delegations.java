package io.dmagent.authority;

import io.dmagent.api.account.Accounts;
import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Delegation of authority between management authorities (DM-HLF-019, 021, 022, 023), each one ONE
 * tree transaction as the device: the delegate's DMAcc account (created when missing), the ACLs of
 * the delegated nodes and the durable record in {@link DelegationLedger} all change together or not
 * at all. Revocation and expiry undo exactly what the record says was added.
 */
public final class Delegations {
  private final DmTree tree;
  private final Accounts accounts;
  private final Clock clock;
  private final Consumer<String> log;
  private final DelegationLedger ledger = new DelegationLedger();

  public Delegations(DmTree tree, Accounts accounts, Clock clock, Consumer<String> log) {
    this.tree = tree;
    this.accounts = accounts;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Applies {@code doc} sent by {@code delegator}. 400 for a document that cannot apply (the
   * delegate is the delegator, already expired, no address for a new account), 404 for a missing
   * subtree, 418 for an id in use, 425 when the delegator holds no right it could pass on.
   */
  public synchronized DelegationRecord delegate(Principal delegator, DelegationDocument doc)
      throws DmException {
    try {
      DelegationRecord r = apply(delegator, doc);
      log.accept(
          "delegation "
              + WireText.quote(r.id())
              + ": "
              + WireText.quote(r.delegator())
              + " delegated "
              + r.grants().size()
              + " ACL(s) to "
              + WireText.quote(r.delegate())
              + r.expires().map(e -> " until " + e).orElse(""));
      return r;
    } catch (DmException e) {
      log.accept(
          "delegation refused for " + delegator + ": " + WireText.escape(e.getMessage(), 300));
      throw e;
    }
  }

  private DelegationRecord apply(Principal delegator, DelegationDocument doc) throws DmException {
    if (delegator.isDevice()) {
      throw DelegationDocument.bad("a delegation from the device: only a server delegates");
    }
    String from = delegator.serverId();
    if (doc.delegate().equals(from)) {
      throw DelegationDocument.bad("a delegation of " + from + " to itself");
    }
    if (doc.expires().isPresent() && !doc.expires().get().isAfter(clock.instant())) {
      throw DelegationDocument.bad("a delegation that has expired already");
    }
    try (TreeTransaction tx = tree.begin(Principal.device())) {
      if (ledger.contains(tx, doc.id())) {
        throw new DmException(StatusCode.ALREADY_EXISTS, "delegation " + doc.id() + " exists");
      }
      List<NodeUri> roots =
          doc.mode() == DelegationDocument.Mode.FULL ? List.of(NodeUri.ROOT) : doc.subtrees();
      for (NodeUri root : roots) {
        if (!Nodes.exists(tx, root)) {
          throw new DmException(StatusCode.NOT_FOUND, root + " does not exist");
        }
      }
      List<DelegationRecord.AclGrant> grants = AclGrants.plan(tx, from, doc.delegate(), roots);
      if (grants.isEmpty()) {
        throw new DmException(
            StatusCode.PERMISSION_DENIED,
            from + " holds no right on " + roots + " that " + doc.delegate() + " lacks");
      }
      Optional<String> existing = DelegateAccount.find(accounts, tx, doc.delegate());
      if (existing.isEmpty() && doc.address().isEmpty()) {
        throw DelegationDocument.bad("a delegation to a server without account and no address");
      }
      String account =
          existing.isPresent() ? existing.get() : DelegateAccount.create(accounts, tx, doc);
      Set<NodeUri> held = AclGrants.naming(tx, doc.delegate(), roots);
      AclGrants.apply(tx, grants);
      DelegationRecord r =
          new DelegationRecord(
              doc.id(),
              from,
              doc.delegate(),
              doc.mode(),
              doc.expires(),
              account,
              existing.isEmpty(),
              grants,
              roots,
              Optional.of(held));
      ledger.write(tx, r);
      tx.commit();
      return r;
    }
  }

  /**
   * Ends delegation {@code id}: only its delegator, its delegate (giving the authority back) or the
   * device may. 404 for an unknown id, 425 for anyone else.
   */
  public synchronized void revoke(Principal by, String id) throws DmException {
    try {
      DelegationRecord r = end(by, id);
      log.accept(
          "delegation "
              + WireText.quote(id)
              + " revoked by "
              + by
              + ": "
              + WireText.quote(r.delegate())
              + " lost it");
    } catch (DmException e) {
      log.accept("revocation refused for " + by + ": " + WireText.escape(e.getMessage(), 300));
      throw e;
    }
  }

  /**
   * Revokes every delegation whose time is up; returns how many ended, or -1 when it must wait for
   * the DMAcc object (an account cannot be removed while ./DMAcc is not grafted, early at start).
   */
  public synchronized int expireDue() {
    Instant now = clock.instant();
    if (records().stream().anyMatch(r -> r.expiredAt(now))
        && tree.describe(DelegateAccount.DMACC).isEmpty()) {
      return -1;
    }
    int ended = 0;
    for (DelegationRecord r : records()) {
      if (r.expiredAt(now)) {
        try {
          end(Principal.device(), r.id());
          log.accept("delegation " + r.id() + " expired: " + r.delegate() + " lost it");
          ended++;
        } catch (DmException e) {
          log.accept("cannot end expired delegation " + r.id() + ": " + e.getMessage());
        }
      }
    }
    return ended;
  }

  /** The earliest end of a temporary delegation in force. */
  public Optional<Instant> nextExpiry() {
    return records().stream().flatMap(r -> r.expires().stream()).min(Instant::compareTo);
  }

  /** Every delegation in force. */
  public List<DelegationRecord> records() {
    try {
      return ledger.all(tree.operations(Principal.device()));
    } catch (DmException e) {
      log.accept("cannot read the delegation ledger: " + e.getMessage());
      return List.of();
    }
  }

  private DelegationRecord end(Principal by, String id) throws DmException {
    DelegationRecord r;
    try (TreeTransaction tx = tree.begin(Principal.device())) {
      r =
          ledger
              .read(tx, id)
              .orElseThrow(() -> new DmException(StatusCode.NOT_FOUND, "no delegation " + id));
      if (!by.isDevice()
          && !by.serverId().equals(r.delegator())
          && !by.serverId().equals(r.delegate())) {
        throw new DmException(
            StatusCode.PERMISSION_DENIED, by + " may not revoke delegation " + id);
      }
      AclGrants.undo(tx, r.delegate(), r.grants());
      ledger.delete(tx, id);
      List<DelegationRecord> others =
          ledger.all(tx).stream().filter(o -> o.delegate().equals(r.delegate())).toList();
      boolean lastOne = others.isEmpty();
      boolean dropAccount = r.accountCreated() && lastOne && Nodes.exists(tx, accountNode(r));
      if (!dropAccount && r.held().isPresent()) {
        // What the delegate gave itself with the delegated rights (ACLs it rewrote, nodes it
        // created) goes too; what it held before stays, and so does what another delegation to
        // it still covers.
        List<NodeUri> stillDelegated = new java.util.ArrayList<>();
        for (DelegationRecord o : others) {
          stillDelegated.addAll(o.roots().isEmpty() ? List.of(NodeUri.ROOT) : o.roots());
        }
        AclGrants.sweep(tx, r.delegate(), r.roots(), r.held().get(), stillDelegated);
      }
      if (dropAccount) {
        tx.delete(accountNode(r));
      }
      tx.commit();
      if (dropAccount) {
        // TND 1.7: a ServerID whose account is deleted leaves every ACL, also those it gained by
        // adding nodes while it was delegate. Idempotent, so a crash before it only delays it.
        tree.purgeServer(r.delegate());
      }
    }
    return r;
  }

  private static NodeUri accountNode(DelegationRecord r) throws DmException {
    return DelegateAccount.DMACC.child(r.account());
  }
}
