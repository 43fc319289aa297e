package io.dmagent.sessionless;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The child JVM of {@link ReplayCrashTest}: admits ever newer timestamps of one server and prints
 * each one after {@link ReplayStore#admit} returned, until it is killed.
 */
public final class ReplayCrashWriter {
  private ReplayCrashWriter() {}

  public static void main(String[] args) throws Exception {
    ReplayStore store = ReplayStore.open(Path.of(args[0]), Duration.ofSeconds(300));
    for (long ts = 1; ; ts++) {
      if (store.admit("srv1", ts, ts) != ReplayStore.Verdict.ADMITTED) {
        throw new IllegalStateException("not admitted: " + ts);
      }
      System.out.println("admitted " + ts);
      System.out.flush();
    }
  }
}
