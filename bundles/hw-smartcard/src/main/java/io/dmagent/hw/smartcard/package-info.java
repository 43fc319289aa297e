/**
 * Smart-card bootstrap (DM 1.3 DM-HLF-013, DM-HLF-031; bootstrap 5.5): watches the PC/SC readers
 * through {@code javax.smartcardio}; on a card it selects the PKCS#15 application, follows EF(ODF)
 * to EF(DODF), finds the OID data objects 2.23.43.7.1, reads EF(DM_Bootstrap) in chunks (the
 * odd-INS READ BINARY beyond 32 KB) and hands it to the {@link
 * io.dmagent.api.bootstrap.Bootstrapper}; a bootstrap server URL on the card goes to the {@link
 * io.dmagent.api.bootstrap.ClientInitiatedBootstrap}. A card gone takes its accounts with it.
 * Installed by the feature {@code dm-hw-smartcard}.
 */
package io.dmagent.hw.smartcard;
