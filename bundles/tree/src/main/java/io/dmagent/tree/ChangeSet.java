package io.dmagent.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One commit as the change log holds it: node keys with their encoded records (null = removed) and
 * the roots of newly grafted management objects. Encoded whole into one log frame, so it is
 * replayed whole or not at all.
 */
record ChangeSet(Map<String, byte[]> nodes, List<String> newMoRoots) {
  private static final int REMOVED = 0;
  private static final int PUT = 1;

  /** The body of a log frame; {@code out} receives it (reused between commits). */
  void encode(ByteSink out) {
    out.i32(nodes.size());
    for (Map.Entry<String, byte[]> e : nodes.entrySet()) {
      out.u8(e.getValue() == null ? REMOVED : PUT).longUtf(e.getKey());
      if (e.getValue() != null) {
        out.i32(e.getValue().length).bytes(e.getValue());
      }
    }
    out.i32(newMoRoots.size());
    for (String root : newMoRoots) {
      out.longUtf(root);
    }
  }

  static ChangeSet decode(byte[] body) {
    try {
      ByteSource in = new ByteSource(body);
      int count = in.i32();
      Map<String, byte[]> nodes = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        int kind = in.u8();
        String key = in.longUtf();
        if (kind == PUT) {
          nodes.put(key, in.bytes(in.i32()));
        } else if (kind == REMOVED) {
          nodes.put(key, null);
        } else {
          throw new IllegalStateException("unknown change kind " + kind);
        }
      }
      int roots = in.i32();
      List<String> newMoRoots = new ArrayList<>(roots);
      for (int i = 0; i < roots; i++) {
        newMoRoots.add(in.longUtf());
      }
      return new ChangeSet(nodes, newMoRoots);
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new IllegalStateException("corrupt change set in the change log", e);
    }
  }
}
