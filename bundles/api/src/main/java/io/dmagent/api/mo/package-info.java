/** Whiteboard SPI through which a bundle contributes a management object subtree to the DM tree. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.dmagent.api.mo;
