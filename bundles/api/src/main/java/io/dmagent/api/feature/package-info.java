/**
 * The features of the distribution (named sets of bundles, {@code system/features.xml} and the
 * feature repositories dropped beside it) as a service: which are known and installed, and one
 * feature installed or uninstalled at run time with the same checks as the operator's console and
 * configuration file.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.dmagent.api.feature;
