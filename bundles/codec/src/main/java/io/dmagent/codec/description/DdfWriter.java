package io.dmagent.codec.description;

import io.dmagent.api.description.AccessType;
import io.dmagent.api.description.MgmtTreeDescription;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.description.Occurrence;
import io.dmagent.api.tree.DmException;
import java.util.List;

/**
 * Writes a {@link MgmtTreeDescription} in DTD order. Occurrence and Scope are always written,
 * CaseSense only when it is CIS (CS is the default). DFType: an interior node's single type as
 * DDFName, a leaf's types as MIME, no type as an empty DDFName.
 */
final class DdfWriter {
  private final int maxDepth;

  DdfWriter(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  void write(MgmtTreeDescription d, MarkupWriter w) throws DmException {
    w.open(DdfTag.MGMT_TREE);
    w.text(DdfTag.VER_DTD, d.verDtd());
    if (d.man().isPresent()) {
      w.text(DdfTag.MAN, d.man().get());
    }
    if (d.mod().isPresent()) {
      w.text(DdfTag.MOD, d.mod().get());
    }
    for (NodeDescription n : d.nodes()) {
      node(w, n, 2);
    }
    w.close(DdfTag.MGMT_TREE);
  }

  private void node(MarkupWriter w, NodeDescription n, int depth) throws DmException {
    NodeDepth.check(depth, maxDepth);
    w.open(DdfTag.NODE);
    w.text(DdfTag.NODE_NAME, n.name());
    if (n.path().isPresent()) {
      w.text(DdfTag.PATH, n.path().get());
    }
    dfProperties(w, n);
    for (NodeDescription child : n.children()) {
      node(w, child, depth + 1);
    }
    w.close(DdfTag.NODE);
  }

  private static void dfProperties(MarkupWriter w, NodeDescription n) throws DmException {
    w.open(DdfTag.DF_PROPERTIES);
    accessTypes(w, n);
    if (n.defaultValue().isPresent()) {
      w.text(DdfTag.DEFAULT_VALUE, n.defaultValue().get());
    }
    if (n.description().isPresent()) {
      w.text(DdfTag.DESCRIPTION, n.description().get());
    }
    choice(w, DdfTag.DF_FORMAT, DdfTag.of(n.format()));
    occurrence(w, n.occurrence());
    choice(w, DdfTag.SCOPE, Vocabulary.tag(n.scope()));
    if (n.title().isPresent()) {
      w.text(DdfTag.DF_TITLE, n.title().get());
    }
    types(w, n);
    if (!n.caseSensitive()) {
      choice(w, DdfTag.CASE_SENSE, DdfTag.CIS);
    }
    w.close(DdfTag.DF_PROPERTIES);
  }

  private static void accessTypes(MarkupWriter w, NodeDescription n) throws DmException {
    if (n.accessTypes().isEmpty()) {
      w.empty(DdfTag.ACCESS_TYPE);
      return;
    }
    w.open(DdfTag.ACCESS_TYPE);
    for (AccessType a : AccessType.values()) {
      if (n.accessTypes().contains(a)) {
        w.empty(Vocabulary.tag(a));
      }
    }
    w.close(DdfTag.ACCESS_TYPE);
  }

  private static void occurrence(MarkupWriter w, Occurrence o) throws DmException {
    w.open(DdfTag.OCCURRENCE);
    if (o.equals(Occurrence.ONE)) {
      w.empty(DdfTag.ONE);
    } else if (o.equals(Occurrence.ZERO_OR_ONE)) {
      w.empty(DdfTag.ZERO_OR_ONE);
    } else if (o.equals(Occurrence.ZERO_OR_MORE)) {
      w.empty(DdfTag.ZERO_OR_MORE);
    } else if (o.equals(Occurrence.ONE_OR_MORE)) {
      w.empty(DdfTag.ONE_OR_MORE);
    } else {
      w.text(o.min() == 0 ? DdfTag.ZERO_OR_N : DdfTag.ONE_OR_N, Integer.toString(o.max()));
    }
    w.close(DdfTag.OCCURRENCE);
  }

  private static void types(MarkupWriter w, NodeDescription n) throws DmException {
    List<String> types = n.types();
    w.open(DdfTag.DF_TYPE);
    if (types.isEmpty()) {
      w.empty(DdfTag.DDF_NAME);
    } else if (n.isInterior() && types.size() == 1) {
      w.text(DdfTag.DDF_NAME, types.get(0));
    } else {
      for (String type : types) {
        w.text(DdfTag.MIME, type);
      }
    }
    w.close(DdfTag.DF_TYPE);
  }

  private static void choice(MarkupWriter w, DdfTag element, DdfTag value) throws DmException {
    w.open(element);
    w.empty(value);
    w.close(element);
  }
}
