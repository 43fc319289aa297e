package io.dmagent.codec.markup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The namespace bindings in scope while an XML document is read: each prefix has its own stack of
 * URIs, so a look-up costs one map access however deep the document and however many declarations
 * enclose it, and leaving an element undoes exactly what it declared.
 */
final class NamespaceScopes {
  private final WorkMeter work;
  private final Map<String, List<String>> bindings = new HashMap<>();

  /** The prefixes each open element declared, innermost last. */
  private final List<List<String>> declared = new ArrayList<>();

  NamespaceScopes(WorkMeter work) {
    this.work = work;
  }

  void enter() {
    declared.add(null);
  }

  /** Binds {@code prefix} ("" for the default namespace) on the element last entered. */
  void declare(String prefix, String uri) {
    int last = declared.size() - 1;
    List<String> mine = declared.get(last);
    if (mine == null) {
      mine = new ArrayList<>(2);
      declared.set(last, mine);
    }
    mine.add(prefix);
    bindings.computeIfAbsent(prefix, p -> new ArrayList<>(2)).add(uri);
    work.add(1);
  }

  /** The URI bound to {@code prefix}, or null when none is. */
  String uri(String prefix) {
    work.add(1);
    List<String> uris = bindings.get(prefix);
    return uris == null || uris.isEmpty() ? null : uris.get(uris.size() - 1);
  }

  void leave() {
    List<String> mine = declared.remove(declared.size() - 1);
    if (mine != null) {
      for (String prefix : mine) {
        List<String> uris = bindings.get(prefix);
        uris.remove(uris.size() - 1);
      }
      work.add(mine.size());
    }
  }
}
