package io.dmagent.bootstrap;

/**
 * The two bootstrap profiles: a DM message (mandatory in DM 1.3) and a CP provisioning document.
 */
enum Profile {
  DM,
  CP
}
