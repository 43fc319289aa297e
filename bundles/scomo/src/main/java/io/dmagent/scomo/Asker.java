package io.dmagent.scomo;

import java.util.Optional;

/** Who Exec'd an operation (empty server: the device, e.g. the console) and its Correlator. */
record Asker(String serverId, Optional<String> correlator) {}
