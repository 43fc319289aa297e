package io.dmagent.api.mo;

/**
 * One optional feature of DM that this agent supports right now (DM 1.3 DM-HLF-009), registered as
 * a service by the bundle that provides it for as long as it does: large objects, TNDS, a push
 * binding, a notification format, sessionless reporting. The standard objects list them under
 * {@code ./DevDetail/Ext}, so a server learns from the tree what it can ask for, and the list
 * follows the bundles installed.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface OptionalFeature {

  /**
   * A short stable name, a node name: {@code LargeObject}, {@code PushSIP}, {@code Notification13}.
   */
  String name();

  /** One line for people. */
  String description();
}
