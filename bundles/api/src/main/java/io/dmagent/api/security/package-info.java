/** Authentication schemes of DM security: credential digests and the HMAC transport header. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.dmagent.api.security;
