package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.BootstrapMessage;
import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.stdobj.DmAccObject;
import io.dmagent.stdobj.InboxObject;
import io.dmagent.tree.PlainTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real tree in memory with the real DMAcc and Inbox objects and the real codecs, and a
 * bootstrap engine on it whose log lines and session requests the test reads.
 */
final class Fixture implements AutoCloseable {
  final PlainTree tree;
  final List<String> log = new CopyOnWriteArrayList<>();
  final List<String> sessions = new CopyOnWriteArrayList<>();
  final BootstrapLedger ledger;
  final BootstrapEngine engine;

  Fixture(Path data, BootstrapSettings settings, Secrets secrets, ManagementObject... more)
      throws IOException {
    tree = PlainTree.inMemory().codec(new DdfTndsCodec()).log(log::add).open();
    tree.graft(new DmAccObject());
    tree.graft(new InboxObject());
    for (ManagementObject mo : more) {
      tree.graft(mo);
    }
    ledger = BootstrapLedger.open(data.resolve("ledger.properties"));
    engine =
        new BootstrapEngine(
            tree,
            new SyncMlCodec(),
            new DdfTndsCodec(),
            settings,
            secrets,
            ledger,
            sessions::add,
            log::add,
            log::add);
  }

  BootstrapResult apply(BootstrapSource source, String contentType, byte[] body) {
    return engine.apply(new BootstrapMessage(source, contentType, body, "test", false));
  }

  TreeOperations device() {
    return tree.operations(Principal.device());
  }

  String value(String uri) throws DmException {
    return device().get(NodeUri.of(uri)).value().orElseThrow().text();
  }

  String acl(String uri) throws DmException {
    return device().getProperty(NodeUri.of(uri), NodeProperty.ACL).value();
  }

  boolean exists(String uri) throws DmException {
    return TreeNodes.exists(device(), NodeUri.of(uri));
  }

  /** Every node with its value, ACL and Type: what "unchanged" compares. */
  List<String> snapshot() throws DmException {
    List<String> out = new ArrayList<>();
    for (NodeResult r : device().listStructure(NodeUri.ROOT, true)) {
      out.add(
          r.uri()
              + " "
              + r.value().map(v -> v.text()).orElse(String.join("/", r.children()))
              + " "
              + device().getProperty(r.uri(), NodeProperty.ACL).value());
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    tree.close();
  }
}
