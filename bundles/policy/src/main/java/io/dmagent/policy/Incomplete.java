package io.dmagent.policy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;

/**
 * A policy lacks a node it needs. While a download is under way this only means the node has not
 * come yet; a stored policy that still lacks it cannot run (400).
 */
final class Incomplete extends DmException {
  private static final long serialVersionUID = 1L;

  Incomplete(String message) {
    super(StatusCode.BAD_REQUEST, message);
  }
}
