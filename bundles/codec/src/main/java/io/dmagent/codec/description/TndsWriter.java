package io.dmagent.codec.description;

import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import java.util.Optional;

/**
 * Writes a {@link TndsTree} in DTD order. RTProperties are written when the node has a Format or
 * any property; Type as DDFName for an interior node and MIME for a leaf. Values follow {@link
 * ValueForms}.
 */
final class TndsWriter {
  private final int maxDepth;

  TndsWriter(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  void write(TndsTree tree, MarkupWriter w) throws DmException {
    w.open(DdfTag.MGMT_TREE);
    w.text(DdfTag.VER_DTD, tree.verDtd());
    if (tree.man().isPresent()) {
      w.text(DdfTag.MAN, tree.man().get());
    }
    if (tree.mod().isPresent()) {
      w.text(DdfTag.MOD, tree.mod().get());
    }
    for (TndsNode n : tree.nodes()) {
      node(w, n, 2);
    }
    w.close(DdfTag.MGMT_TREE);
  }

  private void node(MarkupWriter w, TndsNode n, int depth) throws DmException {
    NodeDepth.check(depth, maxDepth);
    w.open(DdfTag.NODE);
    w.text(DdfTag.NODE_NAME, n.name());
    if (n.path().isPresent()) {
      w.text(DdfTag.PATH, n.path().get());
    }
    if (n.format().isPresent() || !n.properties().isEmpty()) {
      rtProperties(w, n);
    }
    for (TndsNode child : n.children()) {
      node(w, child, depth + 1);
    }
    if (n.value().isPresent()) {
      ValueForms.write(w, n.format(), n.value().get());
    }
    w.close(DdfTag.NODE);
  }

  private static void rtProperties(MarkupWriter w, TndsNode n) throws DmException {
    w.open(DdfTag.RT_PROPERTIES);
    for (NodeProperty p : NodeProperty.values()) {
      if (p == NodeProperty.FORMAT) {
        format(w, n.format());
      } else if (p == NodeProperty.TYPE) {
        type(w, n);
      } else if (n.property(p).isPresent()) {
        w.text(tag(p), n.property(p).get());
      }
    }
    w.close(DdfTag.RT_PROPERTIES);
  }

  private static void format(MarkupWriter w, Optional<NodeFormat> format) throws DmException {
    if (format.isPresent()) {
      w.open(DdfTag.FORMAT);
      w.empty(DdfTag.of(ValueForms.wire(format.get(), w.carriesOpaque())));
      w.close(DdfTag.FORMAT);
    }
  }

  private static void type(MarkupWriter w, TndsNode n) throws DmException {
    Optional<String> type = n.property(NodeProperty.TYPE);
    if (type.isPresent()) {
      w.open(DdfTag.TYPE);
      w.text(n.isInterior() ? DdfTag.DDF_NAME : DdfTag.MIME, type.get());
      w.close(DdfTag.TYPE);
    }
  }

  private static DdfTag tag(NodeProperty p) {
    return switch (p) {
      case ACL -> DdfTag.ACL;
      case FORMAT -> DdfTag.FORMAT;
      case NAME -> DdfTag.NAME;
      case SIZE -> DdfTag.SIZE;
      case TITLE -> DdfTag.TITLE;
      case TSTAMP -> DdfTag.TSTAMP;
      case TYPE -> DdfTag.TYPE;
      case VERNO -> DdfTag.VER_NO;
    };
  }
}
