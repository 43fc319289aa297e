/**
 * Management sessions as other bundles see them: alerts to report, sessions to ask for, user
 * interaction to offer.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.dmagent.api.session;
