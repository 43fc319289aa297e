package io.dmagent.stdobj;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the gateway says about itself: board model, CPU, operating system, unique identity. Read
 * from the files Linux publishes (device tree, /proc, /etc) below a configurable root so that tests
 * can give it a fake board.
 */
final class GatewayFacts {
  private static final Pattern OS_PRETTY_NAME =
      Pattern.compile("(?m)^PRETTY_NAME=\"?([^\"\\n]*)\"?$");
  private static final Pattern CPUINFO_FIELD = Pattern.compile("(?m)^%s\\s*:\\s*(.+)$");
  private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");
  private static final Pattern PLACEHOLDER_SERIAL =
      Pattern.compile(
          "(to be filled by o\\.e\\.m\\.|default string|system serial number|not specified|none"
              + "|n/a|0123456789|123456789)");

  private final Path root;
  private final String osArch;
  private final String osVersion;
  private final String javaVersion;

  GatewayFacts(Path root, String osArch, String osVersion, String javaVersion) {
    this.root = root;
    this.osArch = osArch;
    this.osVersion = osVersion;
    this.javaVersion = javaVersion;
  }

  /** Facts of the machine this JVM runs on. */
  static GatewayFacts ofThisMachine() {
    return new GatewayFacts(
        Path.of("/"),
        System.getProperty("os.arch", ""),
        System.getProperty("os.version", ""),
        System.getProperty("java.version", ""));
  }

  /**
   * The board model from the device tree (e.g. "Raspberry Pi 4 Model B Rev 1.4"), if the board has
   * one.
   */
  Optional<String> boardModel() {
    return read("proc/device-tree/model").map(GatewayFacts::stripNul).filter(s -> !s.isEmpty());
  }

  /** The CPU as /proc/cpuinfo names it ("model name", or "Hardware" on ARM boards). */
  Optional<String> cpuModel() {
    Optional<String> cpuinfo = read("proc/cpuinfo");
    return cpuinfo
        .flatMap(text -> field(text, "model name"))
        .or(() -> cpuinfo.flatMap(text -> field(text, "Hardware")));
  }

  /** The operating system's name and version from /etc/os-release. */
  Optional<String> osName() {
    return read("etc/os-release")
        .map(OS_PRETTY_NAME::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1).trim())
        .filter(s -> !s.isEmpty());
  }

  String kernelVersion() {
    return osVersion;
  }

  String cpuArchitecture() {
    return osArch;
  }

  String javaVersion() {
    return javaVersion;
  }

  /** The JVM's language as an RFC 1766 style tag ("en-US"); "en" when the JVM has none. */
  static String jvmLanguage() {
    return DeviceIdentity.languageOf(Locale.getDefault());
  }

  /**
   * A hardware identity as a URN, where the gateway has one: the board's serial number (device
   * tree, /proc/cpuinfo on Raspberry Pi, DMI on PCs), else the first permanent MAC address of a
   * physical network interface. Never {@code /etc/machine-id}: every container and every SD card
   * cloned from one image shares it.
   */
  Optional<String> deviceUrn() {
    return boardSerial().map(s -> "urn:dev:ops:" + s).or(this::permanentMacUrn);
  }

  private Optional<String> boardSerial() {
    return read("proc/device-tree/serial-number")
        .map(GatewayFacts::stripNul)
        .or(() -> read("proc/cpuinfo").flatMap(text -> field(text, "Serial")))
        .or(() -> read("sys/class/dmi/id/product_serial"))
        .map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(GatewayFacts::isRealSerial);
  }

  /** Firmware fills DMI serials it was not given with placeholders and zeros. */
  private static boolean isRealSerial(String s) {
    return !s.isEmpty()
        && !s.chars().allMatch(c -> c == '0')
        && !PLACEHOLDER_SERIAL.matcher(s).matches();
  }

  /**
   * RFC 9039 {@code urn:dev:mac:} of the first interface, by name, that is a device (sysfs {@code
   * device} link: no bridge, veth or tunnel) with an address assigned by its hardware ({@code
   * addr_assign_type} 0, not random or set).
   */
  private Optional<String> permanentMacUrn() {
    Path net = root.resolve("sys/class/net");
    List<Path> interfaces;
    try (Stream<Path> s = Files.list(net)) {
      interfaces = s.sorted().toList();
    } catch (IOException e) {
      return Optional.empty(); // no sysfs: no MAC address to take
    }
    for (Path i : interfaces) {
      String rel = "sys/class/net/" + i.getFileName() + "/";
      Optional<String> mac =
          read(rel + "address")
              .map(a -> a.trim().toLowerCase(Locale.ROOT))
              .filter(a -> MAC.matcher(a).matches() && !a.equals("00:00:00:00:00:00"));
      boolean permanent = read(rel + "addr_assign_type").map(String::trim).orElse("").equals("0");
      if (mac.isPresent() && permanent && Files.exists(i.resolve("device"))) {
        return Optional.of("urn:dev:mac:" + mac.get().replace(":", ""));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> field(String cpuinfo, String name) {
    Matcher m =
        Pattern.compile(String.format(CPUINFO_FIELD.pattern(), Pattern.quote(name)))
            .matcher(cpuinfo);
    return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
  }

  private static String stripNul(String s) {
    return s.replace("\0", "").trim();
  }

  private Optional<String> read(String relative) {
    Path file = root.resolve(relative);
    try {
      return Files.isReadable(file)
          ? Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      // A file that exists but cannot be read (permissions, a vanished sysfs node) is simply no
      // fact.
      return Optional.empty();
    }
  }
}
