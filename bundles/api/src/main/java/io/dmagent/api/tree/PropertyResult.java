package io.dmagent.api.tree;

import java.util.Objects;

/**
 * The value of one property read with {@code ?prop=}. The status is 200, or 217 (DM 1.3) when an
 * empty ACL was answered with the inherited one.
 */
public record PropertyResult(NodeProperty property, String value, StatusCode status) {
  public PropertyResult {
    Objects.requireNonNull(property);
    Objects.requireNonNull(value);
    Objects.requireNonNull(status);
  }

  public static PropertyResult ok(NodeProperty property, String value) {
    return new PropertyResult(property, value, StatusCode.OK);
  }
}
