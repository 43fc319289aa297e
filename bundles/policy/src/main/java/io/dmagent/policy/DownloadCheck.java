package io.dmagent.policy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Checks a server's writes to a policy before they commit (asked by the tree inside its
 * transaction): only the policy's owner changes it (ATHOR-1), and what the policy says so far must
 * make sense: known types, known operators, watched nodes there, values of their Format, rights the
 * owner holds, no cycle. A download in several commands (or one TNDS) is checked node by node as it
 * arrives; what is still missing is checked when the policy is activated or committed.
 */
final class DownloadCheck {
  private final PolicyReader reader;
  private final Compiler compiler;
  private final PolicyEngine engine;
  private final Consumer<String> refusals;

  /** Nodes of policies being written, not committed yet: path below the policy -> value. */
  private final Map<NodeUri, Map<String, Optional<String>>> drafts = new ConcurrentHashMap<>();

  DownloadCheck(
      PolicyReader reader, Compiler compiler, PolicyEngine engine, Consumer<String> refusals) {
    this.reader = reader;
    this.compiler = compiler;
    this.engine = engine;
    this.refusals = refusals;
  }

  void beforeWrite(NodeUri uri, Optional<NodeValue> value, Principal principal) throws DmException {
    Optional<NodeUri> policy = Layout.policyOf(uri);
    if (policy.isEmpty()) {
      return;
    }
    NodeUri p = policy.get();
    if (principal.isDevice()) {
      if (uri.equals(p) && value.isEmpty() && reader.read(p).isEmpty()) {
        engine.downloading(p, principal); // the operator's own policy, run as the device
      }
      return; // the engine's bookkeeping and the operator's writes are not checked
    }
    Optional<PolicyDefinition> stored = reader.read(p);
    Principal owner = stored.flatMap(engine::owner).orElse(principal);
    if (!owner.equals(principal)) {
      throw refuse(
          p,
          principal,
          new DmException(
              StatusCode.PERMISSION_DENIED,
              "the policy belongs to " + owner + ", not to " + principal));
    }
    if (uri.equals(p)) {
      drafts.remove(p);
      if (stored.isEmpty()) {
        engine.downloading(p, principal); // an Add of the policy: its owner from now on
      }
      return; // an Add or Delete of the whole policy: nothing of it to check yet
    }
    String rel = Layout.relative(p, uri);
    Map<String, Optional<String>> draft = drafts.computeIfAbsent(p, k -> new ConcurrentHashMap<>());
    boolean exists = stored.isPresent() && nodesOf(p).containsKey(rel);
    if (value.isEmpty() && exists) {
      draft.put(rel, Optional.empty()); // a Delete
      markDeleted(draft, rel);
    } else {
      draft.put(rel, Optional.of(value.map(NodeValue::text).orElse(PolicyReader.INTERIOR)));
    }
    try {
      compiler.checkPartial(overlay(p, draft), owner);
    } catch (DmException e) {
      draft.remove(rel);
      throw refuse(p, principal, e);
    }
  }

  /** Forgets what was being written once it is committed (or rolled back) and read again. */
  void committed(NodeUri policy) {
    drafts.remove(policy);
  }

  private DmException refuse(NodeUri policy, Principal principal, DmException e) {
    refusals.accept("policy " + policy + " refused for " + principal + ": " + e.getMessage());
    return e;
  }

  private static void markDeleted(Map<String, Optional<String>> draft, String rel) {
    draft.replaceAll((k, v) -> k.startsWith(rel + "/") ? Optional.empty() : v);
  }

  /** The stored nodes with the ones being written laid over them. */
  private PolicyDefinition overlay(NodeUri policy, Map<String, Optional<String>> draft) {
    Map<String, String> all = new HashMap<>(nodesOf(policy));
    draft.forEach(
        (k, v) -> {
          if (v.isPresent()) {
            all.put(k, v.get());
          } else {
            all.remove(k);
            all.keySet().removeIf(n -> n.startsWith(k + "/"));
          }
        });
    Set<String> nodes = new HashSet<>(all.keySet());
    Map<String, String> leaves = new HashMap<>();
    all.forEach(
        (k, v) -> {
          if (!v.equals(PolicyReader.INTERIOR)) {
            leaves.put(k, v);
          }
        });
    return PolicyDefinition.of(policy, nodes, leaves);
  }

  /** Every stored node of the policy: path -> value ("\0" for interior nodes). */
  private Map<String, String> nodesOf(NodeUri policy) {
    return reader.nodes(policy);
  }
}
