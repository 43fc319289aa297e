package io.dmagent.pushwap;

import io.dmagent.api.log.RefusalLog;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;

/**
 * The flood target of issue 14, driven by hand (benchmarks/push-wap-flood.sh), never by the tests:
 * a sender floods a UDP port with 10,000 invalid WSP push datagrams per second (four malformed
 * kinds in turn) and interleaves 100 valid pushes per second, each carrying its number; the time
 * from its send to the receiver's call is measured for every valid one, with the CPU time of the
 * thread that reads the socket.
 *
 * <p>Alternating runs on the same machine in the same JVM: the floor, a bare socket reader that
 * only receives (the least any listener costs), and the binding's {@link WapPushListener} with a
 * receiver that records the time and returns. Arguments: seconds per run (default 10), rounds
 * (default 3).
 */
public final class WapFloodDriver {
  private static final int INVALID_PER_SECOND = 10_000;
  private static final int VALID_PER_SECOND = 100;
  private static final int TICKS_PER_SECOND = 1_000;

  private static final byte[][] INVALID = {
    HexFormat.of().parseHex("010404C4AF87"), // not a push PDU type
    HexFormat.of().parseHex("01067FC4AF87"), // headers length beyond the datagram
    HexFormat.of().parseHex("010603C4AF82"), // another application id
    HexFormat.of().parseHex("010603AEAF87"), // unknown content type
  };

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    WapFloodDriver driver = new WapFloodDriver();
    driver.run("warm-up (binding)", 5, true);
    driver.run("warm-up (floor)", 5, false);
    List<Result> floors = new ArrayList<>();
    List<Result> bindings = new ArrayList<>();
    // Alternated, so both see the same load on a shared machine.
    for (int round = 1; round <= rounds; round++) {
      floors.add(driver.run("round " + round + " floor (bare reader)", seconds, false));
      bindings.add(driver.run("round " + round + " binding", seconds, true));
    }
    Result floor = median(floors);
    Result binding = median(bindings);
    System.out.printf(
        "%nmedian of %d rounds: binding median %.3f ms (%.2f x floor %.3f ms), p99 %.2f ms (%.2f x"
            + " floor %.2f ms); reader thread CPU %.3f core (%.2f x floor); whole process %.3f core;"
            + " valid lost %d of %d (floor %d)%n",
        rounds,
        binding.median(),
        binding.median() / floor.median(),
        floor.median(),
        binding.p99(),
        binding.p99() / floor.p99(),
        floor.p99(),
        binding.readerCores(),
        binding.readerCores() / floor.readerCores(),
        binding.processCores(),
        binding.lost(),
        binding.sent(),
        floor.lost());
    System.out.printf(
        "targets: valid served within 50 ms (p99 %.2f ms: %s), CPU under one core (%.3f: %s)%n",
        binding.p99(),
        binding.p99() < 50 ? "met" : "MISSED",
        binding.processCores(),
        binding.processCores() < 1 ? "met" : "MISSED");
  }

  /** Each figure's median over the rounds. */
  private static Result median(List<Result> results) {
    return new Result(
        medianOf(results, Result::median),
        medianOf(results, Result::p99),
        medianOf(results, Result::max),
        medianOf(results, Result::readerCores),
        medianOf(results, Result::processCores),
        (long) medianOf(results, Result::sent),
        (long) medianOf(results, Result::lost));
  }

  private static double medianOf(List<Result> results, ToDoubleFunction<Result> figure) {
    double[] values = results.stream().mapToDouble(figure).sorted().toArray();
    return values[values.length / 2];
  }

  record Result(
      double median,
      double p99,
      double max,
      double readerCores,
      double processCores,
      long sent,
      long lost) {}

  private Result run(String name, int seconds, boolean binding) throws Exception {
    ConcurrentHashMap<Long, Long> arrivals = new ConcurrentHashMap<>();
    Reader reader = binding ? new BindingReader(arrivals) : new BareReader(arrivals);
    try (reader;
        DatagramSocket sender = new DatagramSocket()) {
      long threadCpu0 = threads.getThreadCpuTime(reader.threadId());
      long processCpu0 = processCpu();
      long start = System.nanoTime();
      long[] sentAt = flood(sender, reader.address(), seconds);
      long wall = System.nanoTime() - start;
      long threadCpu = threads.getThreadCpuTime(reader.threadId()) - threadCpu0;
      long processCpu = processCpu() - processCpu0;
      Thread.sleep(200); // the last ones in flight
      double[] latencies = latencies(sentAt, arrivals);
      Result r =
          new Result(
              percentile(latencies, 50),
              percentile(latencies, 99),
              latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1],
              threadCpu / (double) wall,
              processCpu / (double) wall,
              sentAt.length,
              sentAt.length - latencies.length);
      System.out.printf(
          "%-28s %5d valid, %7d invalid in %d s: median %.3f ms, p99 %.3f ms, max %.3f ms,"
              + " lost %d; reader thread %.3f core, whole process (sender included) %.3f core%n",
          name,
          r.sent(),
          (long) seconds * INVALID_PER_SECOND,
          seconds,
          r.median(),
          r.p99(),
          r.max(),
          r.lost(),
          r.readerCores(),
          r.processCores());
      return r;
    }
  }

  /**
   * Sends the flood for the given seconds, paced per millisecond; answers each valid one's send
   * time.
   */
  private static long[] flood(DatagramSocket sender, InetSocketAddress to, int seconds)
      throws IOException {
    int ticks = seconds * TICKS_PER_SECOND;
    int invalidPerTick = INVALID_PER_SECOND / TICKS_PER_SECOND;
    int ticksPerValid = TICKS_PER_SECOND / VALID_PER_SECOND;
    long[] sentAt = new long[ticks / ticksPerValid];
    DatagramPacket packet = new DatagramPacket(new byte[0], 0, to);
    long start = System.nanoTime();
    int kind = 0;
    for (int tick = 0; tick < ticks; tick++) {
      long due = start + tick * 1_000_000L;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      for (int i = 0; i < invalidPerTick; i++) {
        byte[] garbage = INVALID[kind++ & 3];
        packet.setData(garbage);
        sender.send(packet);
      }
      if (tick % ticksPerValid == 0) {
        int n = tick / ticksPerValid;
        byte[] valid = validPush(n);
        packet.setData(valid);
        sentAt[n] = System.nanoTime();
        sender.send(packet);
      }
    }
    return sentAt;
  }

  /** A DM 1.2 notification push whose last eight octets are its number. */
  static byte[] validPush(long n) {
    byte[] head = HexFormat.of().parseHex("010603C4AF87" + "00".repeat(16) + "02D0000000123408");
    byte[] id = "bench-".getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(head.length + id.length + 8).put(head).put(id).putLong(n).array();
  }

  static long number(byte[] body) {
    return ByteBuffer.wrap(body, body.length - 8, 8).getLong();
  }

  private static double[] latencies(long[] sentAt, ConcurrentHashMap<Long, Long> arrivals) {
    double[] out =
        arrivals.entrySet().stream()
            .filter(e -> e.getKey() < sentAt.length)
            .mapToDouble(e -> (e.getValue() - sentAt[e.getKey().intValue()]) / 1e6)
            .toArray();
    Arrays.sort(out);
    return out;
  }

  private static double percentile(double[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The socket reader under test. */
  private interface Reader extends AutoCloseable {
    InetSocketAddress address();

    long threadId();

    @Override
    void close();
  }

  /** The floor: one thread receiving into a buffer and reading the valid ones' numbers only. */
  private static final class BareReader implements Reader {
    private final DatagramSocket socket;
    private final Thread thread;

    BareReader(ConcurrentHashMap<Long, Long> arrivals) throws SocketException {
      socket = new DatagramSocket(null);
      socket.setReceiveBufferSize(1 << 20);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      thread =
          new Thread(
              () -> {
                DatagramPacket p = new DatagramPacket(new byte[65_536], 65_536);
                while (!socket.isClosed()) {
                  try {
                    p.setLength(65_536);
                    socket.receive(p);
                    if (p.getLength() > 40) {
                      byte[] body = Arrays.copyOf(p.getData(), p.getLength());
                      arrivals.put(number(body), System.nanoTime());
                    }
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "bare reader");
      thread.start();
    }

    @Override
    public InetSocketAddress address() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public long threadId() {
      return thread.getId();
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  /** The binding's listener, with a receiver that records when it was called. */
  private static final class BindingReader implements Reader {
    private final WapPushListener listener;
    private final AtomicLong readerThread = new AtomicLong(-1);

    BindingReader(ConcurrentHashMap<Long, Long> arrivals) throws SocketException {
      PushReceiver receiver =
          new PushReceiver() {
            @Override
            public PushVerdict receive(PushMessage message) {
              long now = System.nanoTime();
              readerThread.compareAndSet(-1, Thread.currentThread().getId());
              arrivals.put(number(message.body()), now);
              return PushVerdict.of(PushOutcome.ACCEPTED, "measured");
            }

            @Override
            public int maxMessageSize() {
              return 4096;
            }
          };
      listener =
          WapPushListener.open(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
              receiver,
              RefusalLog.standard(
                  line -> {}, java.time.Clock.systemUTC()), // the lines are the tests' business
              System.err::println);
    }

    @Override
    public InetSocketAddress address() {
      String endpoint = listener.endpoint();
      return new InetSocketAddress(
          InetAddress.getLoopbackAddress(),
          Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1)));
    }

    @Override
    public long threadId() {
      return Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("dm-push-wap "))
          .filter(Thread::isAlive)
          .mapToLong(Thread::getId)
          .max()
          .orElseThrow();
    }

    @Override
    public void close() {
      listener.close();
    }
  }
}
