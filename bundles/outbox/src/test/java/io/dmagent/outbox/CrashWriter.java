package io.dmagent.outbox;

import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OverflowPolicy;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of the crash tests: stores entries as fast as it can into the outbox in {@code
 * args[0]} and prints {@code stored <id> <n> <destination>} once each {@code store} has returned
 * (the entry is acknowledged to its sender), until it is killed. With one thread (no {@code
 * args[1]}) entry {@code n} goes to {@code srv<n % 3>}; with {@code args[1]} threads, thread {@code
 * t} stores its entries 0, 1, 2... for destination {@code thread<t>}, all threads at once.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    StoreOutbox outbox =
        StoreOutbox.open(Path.of(args[0]), 1_000_000, OverflowPolicy.REJECT_NEW, out::println);
    if (args.length == 1) {
      for (int n = 0; ; n++) {
        store(outbox, out, n, "srv" + (n % 3));
      }
    }
    int threads = Integer.parseInt(args[1]);
    for (int t = 0; t < threads; t++) {
      String destination = "thread" + t;
      new Thread(
              () -> {
                try {
                  for (int n = 0; ; n++) {
                    store(outbox, out, n, destination);
                  }
                } catch (Exception e) {
                  out.println("failed " + e);
                }
              })
          .start();
    }
  }

  private static void store(StoreOutbox outbox, PrintStream out, int n, String destination)
      throws Exception {
    OutboxEntry e =
        outbox.store("crash", destination, ("entry " + n).getBytes(StandardCharsets.UTF_8));
    out.println("stored " + e.id() + " " + n + " " + destination);
  }
}
