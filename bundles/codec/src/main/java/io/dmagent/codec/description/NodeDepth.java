package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;

/**
 * Writers refuse a model nested deeper than the reader accepts, so that every written document
 * reads back. A Node at element depth d has elements down to d + 3 (Node, DFProperties or
 * RTProperties, DFFormat or Type, chr or MIME).
 */
final class NodeDepth {
  private static final int LEVELS_BELOW_NODE = 3;

  private NodeDepth() {}

  /** {@code nodeDepth}: the Node's element depth, 2 for a top-level Node under MgmtTree. */
  static void check(int nodeDepth, int maxDepth) throws DmException {
    if (nodeDepth + LEVELS_BELOW_NODE > maxDepth) {
      throw Refusals.tooLarge("model nested deeper than " + maxDepth + " elements");
    }
  }
}
