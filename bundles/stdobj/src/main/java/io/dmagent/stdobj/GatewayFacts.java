package io.dmagent.stdobj;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway says about itself: board model, CPU, operating system, unique identity. Read
 * from the files Linux publishes (device tree, /proc, /etc) below a configurable root so that tests
 * can give it a fake board.
 */
final class GatewayFacts {
  private static final Pattern OS_PRETTY_NAME =
      Pattern.compile("(?m)^PRETTY_NAME=\"?([^\"\\n]*)\"?$");
  private static final Pattern CPUINFO_FIELD = Pattern.compile("(?m)^%s\\s*:\\s*(.+)$");
  private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{32}");

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
   * A stable, unique device identifier as a URN: the board's serial number where the board has one
   * (Raspberry Pi), otherwise the systemd machine id.
   */
  Optional<String> deviceUrn() {
    Optional<String> serial =
        read("proc/device-tree/serial-number")
            .map(GatewayFacts::stripNul)
            .or(() -> read("proc/cpuinfo").flatMap(text -> field(text, "Serial")))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty() && !s.chars().allMatch(c -> c == '0'));
    if (serial.isPresent()) {
      return Optional.of("urn:dev:ops:" + serial.get());
    }
    return read("etc/machine-id")
        .map(String::trim)
        .filter(id -> HEX_ID.matcher(id).matches())
        .map(GatewayFacts::asUuidUrn);
  }

  private static String asUuidUrn(String hex) {
    String h = hex.toLowerCase(Locale.ROOT);
    return "urn:uuid:"
        + h.substring(0, 8)
        + '-'
        + h.substring(8, 12)
        + '-'
        + h.substring(12, 16)
        + '-'
        + h.substring(16, 20)
        + '-'
        + h.substring(20);
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
