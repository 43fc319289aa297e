package io.dmagent.tree;

/**
 * Who may change an ACL (DM-AZ-001). {@link #TND} is the TND 1.3 rule: Replace on an interior node,
 * or on a leaf's parent. {@link #SEPARATE} keeps ACL management apart from data management: only a
 * server that the ACL grants Replace on the <em>parent</em> may change any node's ACL, so that the
 * right to change values never includes the right to change who else may.
 */
public enum AclMode {
  TND,
  SEPARATE
}
