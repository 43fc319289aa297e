package io.dmagent.bootstrap.client;

import io.dmagent.api.account.Accounts;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.TreeChangeListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The ServerIDs of the gateway's DM accounts, kept up to date from changes of {@code ./DMAcc}: what
 * the Bootstrap Config MO asks while the tree is locked (it must not read the tree then). Read
 * again off the tree's thread after each change.
 */
@Component(
    service = {ServerRoster.class, TreeChangeListener.class},
    property = TreeChangeListener.SUBTREE + "=./DMAcc")
public final class ServerRoster implements TreeChangeListener {
  private final Accounts accounts;
  private final Logger log;
  private final ExecutorService reader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "dm-bootstrap-client-roster");
            t.setDaemon(true);
            return t;
          });
  private volatile Set<String> serverIds = Set.of();

  @Activate
  public ServerRoster(
      @Reference Accounts accounts, @Reference(service = LoggerFactory.class) Logger log) {
    this.accounts = accounts;
    this.log = log;
    refresh();
  }

  Set<String> serverIds() {
    return serverIds;
  }

  @Override
  public void treeChanged(List<TreeChange> changes) {
    reader.execute(this::refresh);
  }

  private void refresh() {
    try {
      serverIds = Set.copyOf(accounts.serverIds());
    } catch (DmException e) {
      log.warn("the DM accounts cannot be read: {}", e.getMessage());
    }
  }

  @Deactivate
  void stop() {
    reader.shutdownNow();
  }
}
