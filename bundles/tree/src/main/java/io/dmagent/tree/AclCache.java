package io.dmagent.tree;

import io.dmagent.api.tree.Acl;
import io.dmagent.api.tree.DmException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed ACLs by their stored text. A tree holds few distinct ACLs and every server request checks
 * one, so each is parsed once rather than per check. Keyed by the text itself, so a changed ACL is
 * a different key and nothing needs invalidating; the effective ACL of a node is found by walking
 * its path (see {@link WorkingTree#nearestAcl}), which reads the current records.
 */
final class AclCache {
  private static final int MAX = 1024;
  private final ConcurrentHashMap<String, Acl> parsed = new ConcurrentHashMap<>();

  /** The ACL stored as {@code text}; stored ACLs were parsed before being stored, so are valid. */
  Acl get(String text) {
    Acl acl = parsed.get(text);
    if (acl != null) {
      return acl;
    }
    try {
      acl = Acl.parse(text);
    } catch (DmException e) {
      throw new IllegalStateException("stored ACL does not parse: " + e.getMessage(), e);
    }
    if (parsed.size() >= MAX) {
      parsed.clear();
    }
    parsed.put(text, acl);
    return acl;
  }
}
