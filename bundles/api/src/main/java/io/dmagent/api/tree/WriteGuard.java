package io.dmagent.api.tree;

/**
 * Whiteboard service the tree asks before a server's write (Add, Replace, Delete, Copy, TNDS) of a
 * node is applied, inside the tree's transaction and after the ACL and DDF checks passed: throwing
 * vetoes the write, and the exception's status becomes the command's. The device's own writes are
 * not asked. Called with the tree locked: answer from what the guard knows (it may use {@link
 * DmTree#describe}), never by operating on the tree.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface WriteGuard {
  void beforeWrite(NodeUri uri, Principal principal) throws DmException;
}
