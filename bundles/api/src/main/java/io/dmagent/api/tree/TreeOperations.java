package io.dmagent.api.tree;

import io.dmagent.api.description.TndsTree;
import java.util.List;

/**
 * The commands of the DM protocol on the tree, run on behalf of one {@link Principal} and checked
 * against the ACLs, the DDF (AccessType, Format, Occurrence, Scope) and the device's URI limits.
 * Every failure is a {@link DmException} carrying the status code the protocol defines; a failed
 * call leaves the tree unchanged.
 */
@org.osgi.annotation.versioning.ProviderType
public interface TreeOperations {

  /** The principal these operations run for. */
  Principal principal();

  /**
   * Get of a leaf (its value) or an interior node (its child names). 404, 405 (Inbox), 414, 425.
   */
  NodeResult get(NodeUri uri) throws DmException;

  /** Get of {@code uri?prop=name}. 406 for an unsupported property. */
  PropertyResult getProperty(NodeUri uri, NodeProperty property) throws DmException;

  /**
   * {@code ?list=Struct} ({@code withValues=false}) or {@code ?list=StructData}: every node of the
   * subtree the principal may read, the start node first, parents before children.
   */
  List<NodeResult> listStructure(NodeUri uri, boolean withValues) throws DmException;

  /**
   * {@code ?list=TNDS[+P..|-P..]}: the subtree as a TNDS model, only nodes the principal may read.
   */
  TndsTree exportTnds(NodeUri uri, TndsSelection selection) throws DmException;

  /**
   * Add of an interior node; {@code moType} is the Type (MO identifier), or null. 418 if it exists.
   */
  void addInterior(NodeUri uri, String moType) throws DmException;

  /**
   * Add of a leaf with a value. 418 if it exists; missing interior parents are created implicitly.
   */
  void addLeaf(NodeUri uri, NodeValue value) throws DmException;

  /** Add of a whole subtree carried as TNDS below {@code target}: one status, all or nothing. */
  void addTnds(NodeUri target, TndsTree tree) throws DmException;

  /** Replace of a leaf's value. 404 if missing (Replace never creates). */
  void replace(NodeUri uri, NodeValue value) throws DmException;

  /** Replace of a whole subtree with a TNDS document: all or nothing. */
  void replaceTnds(NodeUri target, TndsTree tree) throws DmException;

  /**
   * The checks of {@link #replaceTnds} that no document can change: {@code target} exists, the
   * principal holds Replace on it and Delete on each of its children. A caller makes them before it
   * decodes the document, whose parse costs more than they do. 404, 425, 405.
   */
  void checkReplaceTnds(NodeUri target) throws DmException;

  /** Replace of {@code uri?prop=name}: ACL, Name (rename) and Title only; 405 for the others. */
  void replaceProperty(NodeUri uri, NodeProperty property, String value) throws DmException;

  /** Delete of a node and its subtree. 405 for the root and permanent nodes. */
  void delete(NodeUri uri) throws DmException;

  /** Copy of a leaf's value onto another leaf (created if missing). */
  void copy(NodeUri source, NodeUri target) throws DmException;

  /** Exec on a node; the MO that owns it runs it. */
  ExecResult exec(NodeUri uri, ExecRequest request) throws DmException;

  /**
   * Every location of an MO at or below {@code under}: the interior nodes whose Type is {@code
   * moId}, in URI order, restricted to those the principal may Get (DM-HLF-012, DM-INT-003). On the
   * wire this is {@code <under>?moid=<moId>} (see {@link TreeQuery} and docs/CONFORMANCE.md).
   */
  List<NodeUri> locate(NodeUri under, String moId) throws DmException;
}
