package io.dmagent.policy;

import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;

/**
 * A policy names a condition or action type nobody provides: refused at download (400), and a
 * policy already stored waits, inactive, until a bundle registers the type.
 */
final class MissingType extends DmException {
  private static final long serialVersionUID = 1L;

  private final String type;

  MissingType(String kind, String type) {
    super(StatusCode.BAD_REQUEST, "unknown " + kind + " type " + WireText.quote(type));
    this.type = type;
  }

  String type() {
    return type;
  }
}
