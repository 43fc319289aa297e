package io.dmagent.pushsip;

import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Scripted driver for the SIP push binding under a flood (issue 14's target: 10,000 invalid
 * notifications a second on one binding leave valid ones served within 50 ms and the agent under
 * one core). Wires the binding's UDP side as its component does (handler, refusal log budget,
 * datagram framing, listener) around a receiver that accepts at once, so the binding alone is
 * measured. Two phases in one run: probes alone (the floor), then the same probes while a second
 * socket sends malformed MESSAGEs at the set rate, each answered 400 (the binding's costliest
 * refusal: parse, respond, log). Prints the probes' round trips and the listener thread's CPU. Run
 * by benchmarks/push-sip.sh, never by the tests.
 */
public final class SipFloodDriver {
  private static final long MS = 1_000_000L;

  private SipFloodDriver() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    AtomicLong logged = new AtomicLong();
    PushReceiver receiver =
        new PushReceiver() {
          @Override
          public PushVerdict receive(PushMessage message) {
            return PushVerdict.of(PushOutcome.ACCEPTED, "accepted");
          }

          @Override
          public int maxMessageSize() {
            return 4096;
          }
        };
    LogBudget refusals = new LogBudget(line -> logged.incrementAndGet(), 20, System::nanoTime);
    SipRequestHandler handler = new SipRequestHandler(receiver, 10, refusals);
    UdpListener listener =
        new UdpListener(
            new InetSocketAddress("127.0.0.1", 0),
            new DatagramRequests(handler, 65_507, refusals),
            65_507,
            refusals);
    try {
      warmUp(listener.port());
      Phase quiet = measure(listener.port(), seconds, 0);
      Phase flood = measure(listener.port(), seconds, rate);
      System.out.println(quiet.line("probes alone (floor)"));
      System.out.println(flood.line("probes under " + rate + " malformed/s"));
      System.out.printf(
          "ratio flood/floor: median %.2fx, p99 %.2fx; log lines written %d%n",
          flood.percentile(50) / quiet.percentile(50),
          flood.percentile(99) / quiet.percentile(99),
          logged.get());
    } finally {
      listener.close();
    }
  }

  /** Round trips of one phase, in ms, and the listener thread's CPU share. */
  record Phase(double[] rttMs, int lost, long sent, double cores, double seconds) {
    double percentile(int p) {
      if (rttMs.length == 0) {
        return Double.NaN;
      }
      double[] sorted = rttMs.clone();
      Arrays.sort(sorted);
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    String line(String name) {
      return String.format(
          "%-36s probes %d (lost %d)  rtt median %.3f ms  p99 %.3f ms  max %.3f ms  |  flood sent %d"
              + " (%.0f/s)  listener thread CPU %.2f cores",
          name,
          rttMs.length,
          lost,
          percentile(50),
          percentile(99),
          Arrays.stream(rttMs).max().orElse(Double.NaN),
          sent,
          sent / seconds,
          cores);
    }
  }

  private static void warmUp(int port) throws Exception {
    measure(port, 2, 5_000);
  }

  private static Phase measure(int port, int seconds, int rate) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long listenerThread = listenerThreadId(port);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong sent = new AtomicLong();
    Thread flood = new Thread(() -> flood(port, rate, running, sent), "flood");
    long cpuBefore = threads.getThreadCpuTime(listenerThread);
    long start = System.nanoTime();
    if (rate > 0) {
      flood.start();
    }
    List<Double> rtts = new ArrayList<>();
    int lost = 0;
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      probe.setSoTimeout(1_000);
      byte[] answer = new byte[2048];
      for (int i = 0; System.nanoTime() - start < seconds * 1_000 * MS; i++) {
        byte[] request = request("probe-" + i, "Content-Length: 4", new byte[] {0, 1, 2, 3});
        long t0 = System.nanoTime();
        probe.send(
            new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
        try {
          DatagramPacket p = new DatagramPacket(answer, answer.length);
          do {
            probe.receive(p);
          } while (!new String(answer, 0, p.getLength(), StandardCharsets.ISO_8859_1)
              .contains("probe-" + i + "@"));
          rtts.add((System.nanoTime() - t0) / (double) MS);
        } catch (SocketTimeoutException e) {
          lost++;
        }
        LockSupport.parkNanos(20 * MS);
      }
    }
    running.set(false);
    flood.join();
    double wall = (System.nanoTime() - start) / 1e9;
    double cores = (threads.getThreadCpuTime(listenerThread) - cpuBefore) / 1e9 / wall;
    return new Phase(
        rtts.stream().mapToDouble(Double::doubleValue).toArray(), lost, sent.get(), cores, wall);
  }

  /** Sends malformed MESSAGEs (a negative Content-Length: 400) at the rate, paced every 10. */
  private static void flood(int port, int rate, AtomicBoolean running, AtomicLong sent) {
    byte[] junk = request("flood", "Content-Length: -1", new byte[0]);
    DatagramPacket packet =
        new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), port);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      long start = System.nanoTime();
      long n = 0;
      while (running.get()) {
        socket.send(packet);
        n++;
        if (n % 10 == 0) {
          long due = start + n * 1_000_000_000L / rate;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
        }
      }
      sent.set(n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long listenerThreadId(int port) {
    String name = "dm-push-sip-udp-" + port;
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow()
        .getId();
  }

  private static byte[] request(String callId, String contentLength, byte[] body) {
    String head =
        "MESSAGE sip:IMEI1@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK"
            + callId
            + "\r\n"
            + "From: <sip:dmserver@127.0.0.1>;tag=1\r\n"
            + "To: <sip:IMEI1@127.0.0.1>\r\n"
            + "Call-ID: "
            + callId
            + "@bench\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "Content-Type: application/vnd.syncml.notification\r\n"
            + contentLength
            + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, out, h.length, body.length);
    return out;
  }
}
