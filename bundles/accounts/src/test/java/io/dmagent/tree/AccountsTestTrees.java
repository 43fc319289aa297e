package io.dmagent.tree;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.UriLimits;
import io.dmagent.codec.description.DdfTndsCodec;
import java.util.function.Consumer;

/**
 * The real DM tree in memory for the accounts bundle's tests (the tree's constructors are
 * package-private, hence this small door in the tree's package, on the test class path only).
 */
public final class AccountsTestTrees {
  private AccountsTestTrees() {}

  /** A tree in memory that grafts management objects, logging refusals to {@code log}. */
  public static DmTree inMemory(Consumer<String> log, ManagementObject... mos) {
    DmTreeService tree =
        new DmTreeService(
            TreeStore.inMemory(),
            UriLimits.DEFAULT,
            AclMode.TND,
            1 << 20,
            new DdfTndsCodec(),
            log,
            log);
    for (ManagementObject mo : mos) {
      tree.addManagementObject(mo);
    }
    return tree;
  }
}
