package io.dmagent.api.tree;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which properties a TNDS export carries: {@code ?list=TNDS} (all), {@code TNDS+ACL+Value} (only
 * those) or {@code TNDS-Format} (all but those). {@code includeValue} stands for the
 * pseudo-property {@code Value}.
 */
public record TndsSelection(Set<NodeProperty> properties, boolean includeValue) {
  public TndsSelection {
    properties = Set.copyOf(Objects.requireNonNull(properties));
  }

  public static TndsSelection all() {
    return new TndsSelection(EnumSet.allOf(NodeProperty.class), true);
  }

  /**
   * Parses the part after {@code ?list=}: {@code TNDS}, {@code TNDS+P1+P2} or {@code TNDS-P1-P2}.
   *
   * @throws DmException 406 for an unknown property or a list that mixes {@code +} and {@code -}
   */
  public static TndsSelection parse(String list) throws DmException {
    if (!list.startsWith("TNDS")) {
      throw new DmException(StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED, "not a TNDS list: " + list);
    }
    String rest = list.substring(4);
    if (rest.isEmpty()) {
      return all();
    }
    char sign = rest.charAt(0);
    if ((sign != '+' && sign != '-')
        || rest.indexOf(sign == '+' ? '-' : '+') >= 0
        || rest.length() == 1) {
      throw new DmException(
          StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED, "malformed TNDS list: " + list);
    }
    EnumSet<NodeProperty> named = EnumSet.noneOf(NodeProperty.class);
    boolean value = false;
    for (String name : rest.substring(1).split(sign == '+' ? "\\+" : "-", -1)) {
      if (name.equals("Value")) {
        value = true;
      } else {
        named.add(
            NodeProperty.fromWireName(name)
                .orElseThrow(
                    () ->
                        new DmException(
                            StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED,
                            "unknown TNDS property: " + name)));
      }
    }
    if (sign == '+') {
      return new TndsSelection(named, value);
    }
    EnumSet<NodeProperty> all = EnumSet.allOf(NodeProperty.class);
    all.removeAll(named);
    return new TndsSelection(all, !value);
  }
}
