package io.dmagent.bootstrap;

import java.util.List;
import java.util.Optional;

/**
 * A Client Provisioning document ({@code wap-provisioningdoc}) as read: its characteristics, each
 * with a type, parameters in document order and nested characteristics.
 */
record CpDocument(List<CpDocument.Characteristic> characteristics) {
  CpDocument {
    characteristics = List.copyOf(characteristics);
  }

  record Parm(String name, String value) {}

  record Characteristic(String type, List<Parm> parms, List<Characteristic> children) {
    Characteristic {
      parms = List.copyOf(parms);
      children = List.copyOf(children);
    }

    /** The first value of parameter {@code name}. */
    Optional<String> parm(String name) {
      return parms.stream().filter(p -> p.name().equals(name)).map(Parm::value).findFirst();
    }

    List<String> parms(String name) {
      return parms.stream().filter(p -> p.name().equals(name)).map(Parm::value).toList();
    }

    boolean has(String name) {
      return parms.stream().anyMatch(p -> p.name().equals(name));
    }

    List<Characteristic> children(String type) {
      return children.stream().filter(c -> c.type().equals(type)).toList();
    }
  }
}
