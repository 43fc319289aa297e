/**
 * Downloads of packages a server names by URL (SCOMO components, FUMO firmware): bounded, resumed
 * after a dropped connection, checked against a digest, and verified against the signers the
 * operator trusts before anything is installed.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.dmagent.api.download;
