package io.dmagent.tree;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per distinct short text that many stored records repeat: leaf types ({@code
 * text/plain}), ACLs, MO identifiers. Decoding a stored tree would otherwise give each of its nodes
 * its own copy. Bounded: past {@link #MAX} texts it stops pooling, so odd values cannot grow it.
 */
final class TextPool {
  static final int MAX = 4096;
  private static final int LONGEST = 256;
  private final ConcurrentHashMap<String, String> texts = new ConcurrentHashMap<>();

  String pooled(String s) {
    if (s.isEmpty()) {
      return "";
    }
    if (s.length() > LONGEST) {
      return s;
    }
    String known = texts.get(s);
    if (known != null) {
      return known;
    }
    if (texts.size() >= MAX) {
      return s;
    }
    known = texts.putIfAbsent(s, s);
    return known == null ? s : known;
  }
}
