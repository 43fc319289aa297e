package io.dmagent.outbox;

import io.dmagent.api.outbox.Outbox;
import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OverflowPolicy;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The durable outbox on H2's MVStore ({@code mvstore}, the outbox bundle's {@link StoreOutbox})
 * against a log of our own ({@code files}: one file per entry, written, forced, renamed and the
 * folder forced, as the protocol bundle's alert outbox did), and both against the disk's fsync rate
 * in the same folder and run (a 64-byte record overwritten in place and forced): the floor any
 * durable store is measured against.
 *
 * <ul>
 *   <li>{@code storeAndAcknowledge}: one 256-byte entry stored (durable before it returns) and
 *       acknowledged, the life of one Generic Alert;
 *   <li>{@code pending}: the 100 entries waiting for one server listed (of 200 held, two servers),
 *       what each session does before package 1;
 *   <li>{@code durableStore1}, {@code durableStore4}, {@code durableStore16}: 256-byte entries
 *       stored durably into one {@code mvstore} outbox by 1, 4 and 16 threads at once (sessionless
 *       reports from many producers): group commit lets concurrent stores share a forced write.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OutboxBenchmark {
  private static final byte[] PAYLOAD = new byte[256];

  static Path folder(String name) throws Exception {
    Path base = Path.of(System.getProperty("dmagent.bench.dir", "benchmarks/target/bench-data"));
    return Files.createTempDirectory(Files.createDirectories(base), name);
  }

  static void delete(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** An empty outbox of either kind. */
  @State(Scope.Benchmark)
  public static class Store {
    @Param({"mvstore", "files"})
    public String store;

    Path folder;
    Outbox outbox;

    @Setup(Level.Trial)
    public void open() throws Exception {
      folder = folder("outbox-" + store);
      outbox =
          store.equals("mvstore")
              ? StoreOutbox.open(folder, 10_000, OverflowPolicy.REJECT_NEW, System.err::println)
              : new FileOutbox(folder);
      fill();
    }

    /** What the outbox holds before the measurement: nothing. */
    void fill() throws Exception {}

    @TearDown(Level.Trial)
    public void close() throws Exception {
      if (outbox instanceof StoreOutbox s) {
        System.out.printf(
            "%n(outbox file after the run: %d KB)%n",
            Files.size(folder.resolve(StoreOutbox.FILE_NAME)) / 1024);
        s.close();
      }
      delete(folder);
    }
  }

  /** The same with 200 entries waiting, 100 for each of two servers. */
  @State(Scope.Benchmark)
  public static class Filled extends Store {
    @Override
    void fill() throws Exception {
      for (int i = 0; i < 200; i++) {
        outbox.store("alerts", "srv" + i % 2, PAYLOAD);
      }
    }
  }

  /** One outbox shared by all the benchmark's threads, large enough never to fill. */
  @State(Scope.Benchmark)
  public static class Shared {
    Path folder;
    StoreOutbox outbox;

    @Setup(Level.Trial)
    public void open() throws Exception {
      folder = folder("outbox-shared");
      outbox = StoreOutbox.open(folder, 50_000_000, OverflowPolicy.REJECT_NEW, System.err::println);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      outbox.close();
      delete(folder);
    }
  }

  /** A small file in its own folder beside them, for the fsync floor. */
  @State(Scope.Benchmark)
  public static class ForcedFile {
    Path folder;
    FileChannel channel;
    final ByteBuffer record = ByteBuffer.allocateDirect(64);
    long counter;

    @Setup(Level.Trial)
    public void open() throws Exception {
      folder = folder("fsync");
      channel =
          FileChannel.open(
              folder.resolve("fsync.dat"),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      channel.write(ByteBuffer.allocate(4096), 0);
      channel.force(true);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      channel.close();
      delete(folder);
    }
  }

  @Benchmark
  public String storeAndAcknowledge(Store s) throws Exception {
    OutboxEntry e = s.outbox.store("alerts", "srv1", PAYLOAD);
    s.outbox.acknowledge("alerts", List.of(e.id()));
    return e.id();
  }

  @Benchmark
  @Threads(1)
  public String durableStore1(Shared s) throws Exception {
    return s.outbox.store("reports", "srv1", PAYLOAD).id();
  }

  @Benchmark
  @Threads(4)
  public String durableStore4(Shared s) throws Exception {
    return s.outbox.store("reports", "srv1", PAYLOAD).id();
  }

  @Benchmark
  @Threads(16)
  public String durableStore16(Shared s) throws Exception {
    return s.outbox.store("reports", "srv1", PAYLOAD).id();
  }

  @Benchmark
  public int pending(Filled s) throws Exception {
    return s.outbox.pending("alerts", List.of("srv1")).size();
  }

  @Benchmark
  public long fsync(ForcedFile f) throws Exception {
    f.record.clear();
    f.record.putLong(0, ++f.counter);
    while (f.record.hasRemaining()) {
      f.channel.write(f.record, f.record.position());
    }
    f.channel.force(true);
    return f.counter;
  }
}
