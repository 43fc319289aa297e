package io.dmagent.hw.smartcard;

import java.util.function.Consumer;

/** Where the plugin's log lines go: the OSGi logger's info and warn (a list in tests). */
record LogLines(Consumer<String> info, Consumer<String> warn) {}
