/** The DM tree (TND 1.3): addressing, properties, ACLs, operations and transactions. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.dmagent.api.tree;
