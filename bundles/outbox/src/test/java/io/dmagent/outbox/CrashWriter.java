package io.dmagent.outbox;

import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OverflowPolicy;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of the crash test: stores entries as fast as it can into the outbox in {@code
 * args[0]} and prints {@code stored <id> <n>} once each {@code store} has returned (the entry is
 * acknowledged to its sender), until it is killed.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    StoreOutbox outbox =
        StoreOutbox.open(Path.of(args[0]), 1_000_000, OverflowPolicy.REJECT_NEW, out::println);
    for (int n = 0; ; n++) {
      OutboxEntry e =
          outbox.store("crash", "srv" + (n % 3), ("entry " + n).getBytes(StandardCharsets.UTF_8));
      out.println("stored " + e.id() + " " + n);
    }
  }
}
