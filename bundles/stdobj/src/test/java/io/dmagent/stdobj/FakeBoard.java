package io.dmagent.stdobj;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fluent fixture: a directory laid out like the files Linux publishes about a board. */
final class FakeBoard {
  private final Path root;

  private FakeBoard(Path root) {
    this.root = root;
  }

  static FakeBoard at(Path root) {
    return new FakeBoard(root);
  }

  FakeBoard file(String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * A network interface as sysfs shows it: {@code addr_assign_type} 0 is an address the hardware
   * gave; a physical one has a {@code device} link (bridges, veth pairs, tunnels have none).
   */
  FakeBoard networkInterface(String name, String mac, int addrAssignType, boolean physical)
      throws IOException {
    String at = "sys/class/net/" + name + "/";
    file(at + "address", mac + "\n").file(at + "addr_assign_type", addrAssignType + "\n");
    if (physical) {
      Files.createDirectories(root.resolve(at + "device"));
    }
    return this;
  }

  /** A Raspberry Pi 4 as Raspberry Pi OS 64-bit shows it (device-tree strings end with NUL). */
  FakeBoard raspberryPi4() throws IOException {
    return file("proc/device-tree/model", "Raspberry Pi 4 Model B Rev 1.4\0")
        .file("proc/device-tree/serial-number", "10000000abcdef01\0")
        .file(
            "proc/cpuinfo",
            "processor\t: 0\nBogoMIPS\t: 108.00\n\nHardware\t: BCM2835\nSerial\t\t: 10000000abcdef01\n")
        .file(
            "etc/os-release",
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n")
        .file("etc/machine-id", "3d1219c7c4c5404aaa1f6d2a48adfda4\n");
  }

  GatewayFacts facts() {
    return new GatewayFacts(root, "aarch64", "6.6.51+rpt-rpi-v8", "17.0.15");
  }
}
