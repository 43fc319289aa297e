package io.dmagent.bootstrap.client;

import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the Bootstrap Config MO says, read as the device: whether discovery is allowed and which
 * bootstrap servers it names. A node that is absent (the MO not grafted, a fresh gateway) reads as
 * the configuration's default and no servers.
 */
final class BootConfigView {
  private final DmTree tree;
  private final boolean discoveryDefault;
  private final Consumer<String> warn;

  BootConfigView(DmTree tree, boolean discoveryDefault, Consumer<String> warn) {
    this.tree = tree;
    this.discoveryDefault = discoveryDefault;
    this.warn = warn;
  }

  /**
   * Writes the configured BootSrvDiscovery where no one set it yet (the tree makes the permanent
   * leaf empty when it grafts the MO; a server's Replace needs the node).
   */
  void ensureDefaults() {
    TreeOperations ops = device();
    NodeValue value = NodeValue.of(discoveryDefault ? "1" : "0", NodeFormat.INT);
    try {
      Optional<String> now = text(ops, BootConfigObject.DISCOVERY);
      if (now.isPresent()) {
        return;
      }
      if (exists(ops, BootConfigObject.DISCOVERY)) {
        ops.replace(BootConfigObject.DISCOVERY, value);
      } else if (exists(ops, BootConfigObject.ROOT)) {
        ops.addLeaf(BootConfigObject.DISCOVERY, value);
      }
    } catch (DmException e) {
      warn.accept("./BootConfig/BootSrvDiscovery not set: " + e.getMessage());
    }
  }

  /** BootSrvDiscovery: 0 inhibits fetching, anything else allows it. */
  boolean discoveryAllowed() {
    try {
      return device()
          .get(BootConfigObject.DISCOVERY)
          .value()
          .filter(v -> !v.text().isBlank())
          .map(v -> !v.text().trim().equals("0"))
          .orElse(discoveryDefault);
    } catch (DmException e) {
      return discoveryDefault;
    }
  }

  /** The servers of {@code BootSrvInfo/*} with a URL, in node name order. */
  List<BootServer> servers() {
    TreeOperations ops = device();
    List<BootServer> found = new ArrayList<>();
    try {
      for (String name : ops.get(BootConfigObject.SERVERS).children()) {
        NodeUri entry = BootConfigObject.SERVERS.child(name);
        Optional<String> url = text(ops, entry.resolve("URL"));
        if (url.isEmpty()) {
          continue;
        }
        try {
          found.add(
              new BootServer(
                  URI.create(url.get().trim()),
                  text(ops, entry.resolve("Ext/TrustAnchor")),
                  text(ops, entry.resolve("Ext/ClientKey"))));
        } catch (IllegalArgumentException e) {
          warn.accept(
              "bootstrap server "
                  + WireText.quote(name)
                  + " skipped: its URL is not one: "
                  + WireText.quote(url.get()));
        }
      }
    } catch (DmException e) {
      // No BootSrvInfo: no servers.
    }
    return found;
  }

  /** The entry naming {@code url}, if the MO has one (for its trust anchor and client key). */
  Optional<BootServer> entryFor(URI url) {
    return servers().stream().filter(s -> s.url().equals(url)).findFirst();
  }

  private static Optional<String> text(TreeOperations ops, NodeUri uri) {
    try {
      return ops.get(uri).value().map(NodeValue::text).filter(t -> !t.isBlank());
    } catch (DmException e) {
      return Optional.empty();
    }
  }

  private static boolean exists(TreeOperations ops, NodeUri uri) throws DmException {
    try {
      NodeResult r = ops.get(uri);
      return r != null;
    } catch (DmException e) {
      if (e.status() == StatusCode.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private TreeOperations device() {
    return tree.operations(Principal.device());
  }
}
