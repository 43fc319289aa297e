/**
 * DM accounts (DMAcc): immutable records of an account, its credentials and its pre-shared key, and
 * the {@link io.dmagent.api.account.Accounts} service that lists, finds, writes them and keeps
 * their nonces.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.dmagent.api.account;
