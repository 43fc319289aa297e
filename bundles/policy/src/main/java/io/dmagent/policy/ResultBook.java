package io.dmagent.policy;

import io.dmagent.api.tree.Acl;
import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.PropertyResult;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes what the engine tells servers in the tree (DMS-01): each execution as Results/<n>/{Time,
 * Outcome, Detail}, numbered on, the oldest removed beyond the bound; the policy's Status; its
 * Owner. As the device, in one commit per record.
 */
final class ResultBook {
  static final int MAX_DETAIL = 2000;

  private final DmTree tree;
  private final int maxResults;
  private final Consumer<String> warn;

  ResultBook(DmTree tree, int maxResults, Consumer<String> warn) {
    this.tree = tree;
    this.maxResults = Math.max(1, maxResults);
    this.warn = warn;
  }

  void record(NodeUri policy, Result result) {
    try (TreeTransaction tx = tree.begin(Principal.device())) {
      NodeUri results = policy.child(Layout.RESULTS);
      List<Integer> numbers = numbers(tx, policy, results);
      int next = numbers.isEmpty() ? 1 : numbers.get(numbers.size() - 1) + 1;
      NodeUri at = results.child(Integer.toString(next));
      tx.addLeaf(at.child("Time"), NodeValue.text(result.time().toString()));
      tx.addLeaf(at.child("Outcome"), NodeValue.text(result.outcome()));
      String detail = result.detail();
      tx.addLeaf(
          at.child("Detail"),
          NodeValue.text(detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail));
      for (int i = 0; i <= numbers.size() - maxResults; i++) {
        tx.delete(results.child(Integer.toString(numbers.get(i))));
      }
      tx.commit();
    } catch (DmException e) {
      warn.accept("cannot record a result of " + policy + ": " + e.getMessage());
    }
  }

  private static List<Integer> numbers(TreeOperations ops, NodeUri policy, NodeUri results)
      throws DmException {
    List<Integer> out = new ArrayList<>();
    if (!ops.get(policy).children().contains(Layout.RESULTS)) {
      ops.addInterior(results, null);
      return out;
    }
    NodeResult r = ops.get(results);
    for (String c : r.children()) {
      if (c.matches("\\d{1,9}")) {
        out.add(Integer.parseInt(c));
      }
    }
    out.sort(Integer::compare);
    return out;
  }

  /**
   * Lets the owner read its policy and Exec its switches: the tree gave the server that added the
   * policy Add, Delete and Replace on it (an ACL of its own, which inherits nothing).
   */
  void grantOwner(NodeUri policy, Principal owner) {
    if (owner.isDevice()) {
      return;
    }
    TreeOperations ops = tree.operations(Principal.device());
    try {
      PropertyResult acl = ops.getProperty(policy, NodeProperty.ACL);
      Acl granted =
          Acl.parse(acl.value())
              .grant(AclRight.GET, owner.serverId())
              .grant(AclRight.EXEC, owner.serverId());
      if (!granted.toString().equals(acl.value())) {
        ops.replaceProperty(policy, NodeProperty.ACL, granted.toString());
      }
    } catch (DmException e) {
      warn.accept("cannot give " + owner + " its rights on " + policy + ": " + e.getMessage());
    }
  }

  /** Gives a policy the leaves a server Execs to switch it, when it lacks them. */
  void switches(NodeUri policy) {
    TreeOperations ops = tree.operations(Principal.device());
    try {
      List<String> children = ops.get(policy).children();
      for (String leaf : List.of(Layout.ACTIVATE, Layout.DEACTIVATE)) {
        if (!children.contains(leaf)) {
          ops.addLeaf(policy.child(leaf), NodeValue.of(new byte[0], NodeFormat.NULL, null));
        }
      }
    } catch (DmException e) {
      warn.accept("cannot add the switches of " + policy + ": " + e.getMessage());
    }
  }

  /** Sets a bookkeeping leaf (Status, Owner) unless it already says {@code value}. */
  void set(NodeUri policy, String leaf, String value) {
    TreeOperations ops = tree.operations(Principal.device());
    try {
      NodeUri uri = policy.child(leaf);
      if (ops.get(policy).children().contains(leaf)) {
        if (!ops.get(uri).value().map(NodeValue::text).orElse("").equals(value)) {
          ops.replace(uri, NodeValue.text(value));
        }
      } else {
        ops.addLeaf(uri, NodeValue.text(value));
      }
    } catch (DmException e) {
      warn.accept("cannot set " + leaf + " of " + policy + ": " + e.getMessage());
    }
  }
}
