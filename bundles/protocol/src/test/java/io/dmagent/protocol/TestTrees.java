package io.dmagent.protocol;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmTree;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.tree.PlainTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** The real DM tree in memory for the protocol's tests, with management objects grafted. */
public final class TestTrees {
  private TestTrees() {}

  /** A tree in memory that grafts {@code mos}, logging refusals to {@code log}. */
  public static DmTree inMemory(Consumer<String> log, ManagementObject... mos) {
    try {
      PlainTree tree = PlainTree.inMemory().codec(new DdfTndsCodec()).log(log).open();
      for (ManagementObject mo : mos) {
        tree.graft(mo);
      }
      return tree;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
