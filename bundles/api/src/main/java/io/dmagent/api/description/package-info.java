/**
 * Device Description Framework (DDF) and Tree and Description Serialization (TNDS) models and
 * codecs.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.dmagent.api.description;
