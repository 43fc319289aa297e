package io.dmagent.protocol;

import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.PropertyResult;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeQuery;

/**
 * What the session's protocol version changes in an answer. DM 1.2 has no status 217: a Get of an
 * ACL the node does not hold itself answers 200 with empty data there (TND 1.2), so that a 1.2
 * server which reads, edits and writes back an ACL never turns an inherited ACL into an own one.
 * The {@code ?moid=} query is our reading of a DM 1.3 requirement (DM-HLF-012): a DM 1.2 session
 * gets 406 for it, as for any query 1.2 does not define.
 */
final class VersionRules {
  private VersionRules() {}

  static boolean isDm12(String verProto) {
    return !SyncHeader.DM_1_3.equals(verProto);
  }

  /** The property as the session's version answers it. */
  static PropertyResult property(PropertyResult p, String verProto) {
    if (p.status() == StatusCode.OK_WITH_INHERITED_ACL && isDm12(verProto)) {
      return PropertyResult.ok(p.property(), "");
    }
    return p;
  }

  /** Refuses with 406 a query the session's version does not define. */
  static void requireKnown(TreeQuery q, String verProto) throws DmException {
    if (q.kind() == TreeQuery.Kind.MO_LOCATIONS && isDm12(verProto)) {
      throw new DmException(
          StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED,
          "?moid= is a DM 1.3 query (session is DM/1.2)");
    }
  }
}
