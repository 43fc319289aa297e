package io.dmagent.bootstrap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Builds a {@link CpDocument} from the elements either encoding reads, bounding its depth and its
 * number of elements (a provisioning document is a few levels and a few hundred parameters).
 */
final class CpBuilder {
  static final int MAX_DEPTH = 12;
  static final int MAX_ELEMENTS = 20_000;

  private record Open(
      String type, List<CpDocument.Parm> parms, List<CpDocument.Characteristic> kids) {}

  private final Deque<Open> open = new ArrayDeque<>();
  private final List<CpDocument.Characteristic> top = new ArrayList<>();
  private int elements;

  void startCharacteristic(String type) throws Refusal {
    count();
    if (open.size() >= MAX_DEPTH) {
      throw Refusal.invalid("its characteristics nest deeper than " + MAX_DEPTH);
    }
    open.push(new Open(type == null ? "" : type, new ArrayList<>(), new ArrayList<>()));
  }

  void endCharacteristic() throws Refusal {
    if (open.isEmpty()) {
      throw Refusal.invalid("a characteristic ends that never began");
    }
    Open o = open.pop();
    CpDocument.Characteristic c = new CpDocument.Characteristic(o.type(), o.parms(), o.kids());
    if (open.isEmpty()) {
      top.add(c);
    } else {
      open.peek().kids().add(c);
    }
  }

  void parm(String name, String value) throws Refusal {
    count();
    if (open.isEmpty()) {
      throw Refusal.invalid("a parm outside any characteristic");
    }
    open.peek()
        .parms()
        .add(new CpDocument.Parm(name == null ? "" : name, value == null ? "" : value));
  }

  CpDocument document() throws Refusal {
    if (!open.isEmpty()) {
      throw Refusal.invalid("it is truncated: a characteristic is not closed");
    }
    return new CpDocument(top);
  }

  private void count() throws Refusal {
    if (++elements > MAX_ELEMENTS) {
      throw Refusal.invalid("more than " + MAX_ELEMENTS + " elements");
    }
  }
}
