package io.dmagent.authority;

import io.dmagent.api.account.Accounts;
import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.TreeChangeListener;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * TND 1.7, deletion of a server identifier: when no account in {@code ./DMAcc} names a ServerID any
 * more (its account deleted, or its ServerID replaced), that ServerID leaves every ACL of the tree,
 * so that an account created later with the same ServerID inherits nothing. Told of every change
 * below {@code ./DMAcc}; compares the ServerIDs of the accounts with those it saw last. While the
 * DMAcc object is away its accounts are hidden, not gone: nothing is purged then.
 */
@Component(service = TreeChangeListener.class, property = TreeChangeListener.SUBTREE + "=./DMAcc")
public final class AccountPurge implements TreeChangeListener {
  private final DmTree tree;
  private final Accounts accounts;
  private final Consumer<String> log;
  private Set<String> known = new HashSet<>();

  @Activate
  public AccountPurge(
      @Reference DmTree tree,
      @Reference Accounts accounts,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(tree, accounts, log::info);
  }

  /**
   * For plain Java (package-private: Declarative Services must see one three-argument constructor
   * only, the one above).
   */
  AccountPurge(DmTree tree, Accounts accounts, Consumer<String> log) {
    this.tree = tree;
    this.accounts = accounts;
    this.log = log;
    synchronized (this) {
      if (tree.describe(DelegateAccount.DMACC).isPresent()) {
        known = serverIds().orElse(known);
      }
    }
  }

  @Override
  public synchronized void treeChanged(List<TreeChange> changes) {
    if (tree.describe(DelegateAccount.DMACC).isEmpty()) {
      return;
    }
    Optional<Set<String>> read = serverIds();
    if (read.isEmpty()) {
      return; // unreadable now: compared again at the next change
    }
    Set<String> now = read.get();
    for (String gone : known) {
      if (!now.contains(gone)) {
        try {
          tree.purgeServer(gone);
          log.accept(
              "ServerID "
                  + WireText.quote(gone)
                  + " has no account any more: purged from every ACL");
        } catch (DmException e) {
          log.accept(
              "ServerID "
                  + WireText.quote(gone)
                  + " not purged: "
                  + WireText.escape(e.getMessage(), 300));
          now.add(gone); // tried again at the next change
        }
      }
    }
    known = now;
  }

  private Optional<Set<String>> serverIds() {
    try {
      return Optional.of(new HashSet<>(accounts.serverIds()));
    } catch (DmException e) {
      log.accept("accounts not read: " + e.getMessage());
      return Optional.empty();
    }
  }
}
