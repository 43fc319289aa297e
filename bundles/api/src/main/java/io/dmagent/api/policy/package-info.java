/**
 * The Management Policy MO's extension points (MgmtPolicyMO RD OSR-02): other bundles register
 * condition and action types as services ({@link io.dmagent.api.policy.PolicyConditionType}, {@link
 * io.dmagent.api.policy.PolicyActionType}, keyed by a type name), and the policy engine uses them
 * beside its own. A policy names a type and gives it parameters; the type checks them when the
 * policy is downloaded and then runs them with the rights of the server that owns the policy.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.dmagent.api.policy;
