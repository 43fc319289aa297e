/**
 * Log hygiene for values that came from the wire or from a file: one place that makes them safe to
 * log, so a client cannot forge log lines or flood one line with a megabyte.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.dmagent.api.log;
