package io.dmagent.accounts;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.ClientCredentials;
import io.dmagent.api.account.PskCredentials;
import io.dmagent.api.log.WireText;
import io.dmagent.api.transport.PskKey;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The DM accounts under {@code ./DMAcc}, read from the tree as the device: each account's ServerID,
 * the server's address (the first {@code AppAddr/<x>/Addr} in name order, with its first port when
 * the address has no scheme), its Name and the client credentials (the {@code AppAuth/<x>} whose
 * AAuthLevel is CLCRED) and its pre-shared key (the {@code AppAuth/<x>} of AAuthLevel TLS and
 * AAuthType PSK, see {@link PskCredentials}). An account that cannot be read is skipped with one
 * log line that never holds a secret.
 */
final class AccountDirectory {
  static final NodeUri DMACC = NodeUri.of("./DMAcc");

  private final DmTree tree;
  private final Consumer<String> log;

  AccountDirectory(DmTree tree, Consumer<String> log) {
    this.tree = tree;
    this.log = log;
  }

  /**
   * Every readable account, in node name order. A ServerID that several accounts claim is
   * ambiguous: none of them is used (one log line naming the nodes), since the ServerID is the
   * principal its sessions act as, and whichever account came first would lend that identity to its
   * address and credentials.
   */
  List<Account> all() {
    TreeOperations ops = tree.operations(Principal.device());
    List<Account> read = new ArrayList<>();
    for (String name : children(ops, DMACC)) {
      NodeUri node = child(DMACC, name);
      try {
        read.add(read(ops, node));
      } catch (DmException | IllegalArgumentException e) {
        log.accept("DM account " + node + " skipped: " + WireText.escape(e.getMessage(), 300));
      }
    }
    Map<String, List<NodeUri>> claims = new LinkedHashMap<>();
    for (Account a : read) {
      claims.computeIfAbsent(a.serverId(), k -> new ArrayList<>()).add(a.node());
    }
    List<Account> out = new ArrayList<>();
    for (Account a : read) {
      List<NodeUri> nodes = claims.get(a.serverId());
      if (nodes.size() == 1) {
        out.add(a);
      } else if (nodes.get(0).equals(a.node())) {
        log.accept(
            "DM accounts "
                + nodes
                + " skipped: they claim the same ServerID "
                + WireText.quote(a.serverId(), 64));
      }
    }
    return out;
  }

  /** The account of the server {@code serverId}; none when several accounts claim it. */
  Optional<Account> find(String serverId) {
    return all().stream().filter(a -> a.serverId().equals(serverId)).findFirst();
  }

  /**
   * Every non-empty ServerID an account names, readable account or not; none without {@code
   * ./DMAcc}. A failed read is thrown, not taken for "no accounts".
   */
  Set<String> serverIds(TreeOperations ops) throws DmException {
    Set<String> out = new LinkedHashSet<>();
    for (String name : strictChildren(ops, DMACC)) {
      serverId(ops, child(DMACC, name)).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The first account node by name whose ServerID is {@code serverId}, read through {@code ops}.
   */
  Optional<NodeUri> node(TreeOperations ops, String serverId) throws DmException {
    for (String name : strictChildren(ops, DMACC)) {
      NodeUri acc = child(DMACC, name);
      if (serverId(ops, acc).filter(serverId::equals).isPresent()) {
        return Optional.of(acc);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> serverId(TreeOperations ops, NodeUri acc) throws DmException {
    if (!strictChildren(ops, acc).contains("ServerID")) {
      return Optional.empty();
    }
    return ops.get(child(acc, "ServerID")).value().map(NodeValue::text).filter(s -> !s.isEmpty());
  }

  /** Child names in name order; none when the node does not exist; a failed read is thrown. */
  private static List<String> strictChildren(TreeOperations ops, NodeUri uri) throws DmException {
    if (!uri.isRoot() && !strictChildren(ops, uri.parent()).contains(uri.name())) {
      return List.of();
    }
    List<String> names = new ArrayList<>(ops.get(uri).children());
    names.sort(null);
    return names;
  }

  private Account read(TreeOperations ops, NodeUri node) throws DmException {
    String serverId =
        text(ops, node, "ServerID")
            .filter(s -> !s.isEmpty())
            .orElseThrow(() -> new DmException(StatusCode.NOT_FOUND, "no ServerID"));
    return new Account(
        serverId,
        node,
        address(ops, node),
        text(ops, node, "Name").filter(s -> !s.isEmpty()),
        credentials(ops, node),
        psk(ops, node));
  }

  private URI address(TreeOperations ops, NodeUri node) throws DmException {
    NodeUri appAddr = child(node, "AppAddr");
    for (String name : children(ops, appAddr)) {
      NodeUri at = child(appAddr, name);
      Optional<String> addr = text(ops, at, "Addr").map(String::trim).filter(s -> !s.isEmpty());
      if (addr.isPresent()) {
        return uri(addr.get(), port(ops, at));
      }
    }
    throw new DmException(StatusCode.NOT_FOUND, "no AppAddr/<x>/Addr");
  }

  private Optional<String> port(TreeOperations ops, NodeUri appAddr) {
    NodeUri ports = child(appAddr, "Port");
    for (String name : children(ops, ports)) {
      Optional<String> nbr = text(ops, child(ports, name), "PortNbr");
      if (nbr.isPresent()) {
        return nbr;
      }
    }
    return Optional.empty();
  }

  private static URI uri(String addr, Optional<String> port) throws DmException {
    try {
      URI u = new URI(addr);
      if (u.getScheme() != null) {
        return u;
      }
      // An IPv4/IPv6 address or a host name (AddrType IPv4, IPv6): HTTP to it.
      String host = addr.contains(":") && !addr.startsWith("[") ? "[" + addr + "]" : addr;
      return new URI("http://" + host + port.map(p -> ":" + p.trim()).orElse("") + "/");
    } catch (URISyntaxException e) {
      throw new DmException(StatusCode.BAD_REQUEST, "Addr is not a URI");
    }
  }

  private Optional<ClientCredentials> credentials(TreeOperations ops, NodeUri node) {
    NodeUri appAuth = child(node, "AppAuth");
    for (String name : children(ops, appAuth)) {
      NodeUri at = child(appAuth, name);
      Optional<String> level = text(ops, at, "AAuthLevel");
      if (level.map(l -> l.trim().toUpperCase(Locale.ROOT)).filter("CLCRED"::equals).isEmpty()) {
        continue;
      }
      return Optional.of(
          new ClientCredentials(
              text(ops, at, "AAuthType").orElse("").trim(),
              text(ops, at, "AAuthName").orElse(""),
              text(ops, at, "AAuthSecret").orElse(""),
              bytes(ops, at, "AAuthData")));
    }
    return Optional.empty();
  }

  /**
   * The first {@code AppAuth/<x>} by name of AAuthLevel TLS and AAuthType PSK. One that names no
   * identity or holds a key that is not hexadecimal makes the account unreadable: its sessions are
   * refused rather than run without the channel it demands.
   */
  private Optional<PskCredentials> psk(TreeOperations ops, NodeUri node) throws DmException {
    NodeUri appAuth = child(node, "AppAuth");
    for (String name : children(ops, appAuth)) {
      NodeUri at = child(appAuth, name);
      if (!is(ops, at, "AAuthLevel", PskCredentials.LEVEL)
          || !is(ops, at, "AAuthType", PskCredentials.TYPE)) {
        continue;
      }
      String identity = text(ops, at, "AAuthName").orElse("").trim();
      String hex = text(ops, at, "AAuthSecret").orElse("").trim();
      try {
        return Optional.of(
            new PskCredentials(
                identity, hex.isEmpty() ? Optional.empty() : Optional.of(PskKey.fromHex(hex))));
      } catch (IllegalArgumentException e) {
        // The messages name what is wrong, never the key.
        throw new DmException(StatusCode.BAD_REQUEST, "AppAuth/" + name + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private static boolean is(TreeOperations ops, NodeUri entry, String leaf, String expected) {
    return text(ops, entry, leaf)
        .map(v -> v.trim().toUpperCase(Locale.ROOT))
        .filter(expected::equals)
        .isPresent();
  }

  /**
   * Child names of a node, empty when it does not exist. Optional nodes are looked up in their
   * parent's list before they are read: a Get of a missing node would leave a refusal line in the
   * tree's log for nothing.
   */
  static List<String> children(TreeOperations ops, NodeUri uri) {
    try {
      if (!uri.isRoot() && !children(ops, uri.parent()).contains(uri.name())) {
        return List.of();
      }
      List<String> names = new ArrayList<>(ops.get(uri).children());
      names.sort(null);
      return names;
    } catch (DmException e) {
      return List.of();
    }
  }

  private static Optional<NodeValue> value(TreeOperations ops, NodeUri parent, String name) {
    try {
      return children(ops, parent).contains(name)
          ? ops.get(child(parent, name)).value()
          : Optional.empty();
    } catch (DmException e) {
      return Optional.empty();
    }
  }

  static Optional<String> text(TreeOperations ops, NodeUri parent, String name) {
    return value(ops, parent, name).map(NodeValue::text);
  }

  static byte[] bytes(TreeOperations ops, NodeUri parent, String name) {
    return value(ops, parent, name).map(NodeValue::data).orElse(new byte[0]);
  }

  static NodeUri child(NodeUri parent, String name) {
    try {
      return parent.child(name);
    } catch (DmException e) {
      throw new IllegalArgumentException("bad node name under " + parent);
    }
  }
}
