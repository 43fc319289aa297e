package io.dmagent.stdobj;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.UriLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardObjectsTest {
  @TempDir Path root;

  private String devInfo(DevInfoObject mo, String leaf) {
    return mo.readLive(NodeUri.of("./DevInfo/" + leaf)).map(NodeValue::text).orElseThrow();
  }

  @Test
  void devinfo_reports_the_raspberry_pi_it_runs_on() throws Exception {
    GatewayFacts facts = FakeBoard.at(root).raspberryPi4().facts();
    DevInfoObject mo =
        new DevInfoObject(new DeviceIdentity(IdentityConfigs.defaults().build(), facts, "0.1.0"));

    assertThat(devInfo(mo, "DevId")).isEqualTo("urn:dev:ops:10000000abcdef01");
    assertThat(devInfo(mo, "Man")).isEqualTo("Raspberry Pi Ltd");
    assertThat(devInfo(mo, "Mod")).isEqualTo("Raspberry Pi 4 Model B Rev 1.4");
    assertThat(devInfo(mo, "DmV")).isEqualTo("DM Agent 0.1.0");
    assertThat(devInfo(mo, "Lang")).isNotBlank();
  }

  @Test
  void without_a_serial_devid_is_the_first_permanent_mac_address_of_a_physical_interface()
      throws Exception {
    GatewayFacts facts =
        FakeBoard.at(root)
            .networkInterface("docker0", "02:42:ac:11:00:01", 3, false)
            .networkInterface("enp1s0", "00:1B:21:3A:4F:5C", 0, true)
            .networkInterface("lo", "00:00:00:00:00:00", 0, false)
            .networkInterface("veth9a1b", "ee:11:22:33:44:55", 1, false)
            .networkInterface("wlp2s0", "a4:c3:f0:85:11:22", 0, true)
            .facts();

    assertThat(facts.deviceUrn()).contains("urn:dev:mac:001b213a4f5c");
  }

  @Test
  void a_mac_address_that_is_random_or_set_or_of_no_device_is_no_identity() throws Exception {
    GatewayFacts facts =
        FakeBoard.at(root)
            .networkInterface("eth0", "02:42:ac:11:00:02", 3, true)
            .networkInterface("eth1", "12:34:56:78:9a:bc", 1, true)
            .networkInterface("br0", "00:1b:21:3a:4f:5c", 0, false)
            .facts();

    assertThat(facts.deviceUrn()).isEmpty();
  }

  @Test
  void the_machine_id_cloned_images_share_is_never_the_devid() throws Exception {
    GatewayFacts facts =
        FakeBoard.at(root).file("etc/machine-id", "3d1219c7c4c5404aaa1f6d2a48adfda4\n").facts();

    assertThat(facts.deviceUrn()).isEmpty();
  }

  @Test
  void an_all_zero_serial_or_a_firmware_placeholder_is_no_identity() throws Exception {
    GatewayFacts facts =
        FakeBoard.at(root)
            .file("proc/cpuinfo", "Serial\t\t: 0000000000000000\n")
            .file("sys/class/dmi/id/product_serial", "To Be Filled By O.E.M.\n")
            .networkInterface("eth0", "00:1b:21:3a:4f:5c", 0, true)
            .facts();

    assertThat(facts.deviceUrn()).contains("urn:dev:mac:001b213a4f5c");
  }

  @Test
  void a_pc_board_is_known_by_its_dmi_serial() throws Exception {
    GatewayFacts facts =
        FakeBoard.at(root)
            .file("sys/class/dmi/id/product_serial", "PF2ABCDE\n")
            .networkInterface("eth0", "00:1b:21:3a:4f:5c", 0, true)
            .facts();

    assertThat(facts.deviceUrn()).contains("urn:dev:ops:pf2abcde");
  }

  @Test
  void without_hardware_identity_devid_is_made_once_and_kept_in_the_data_folder() throws Exception {
    GatewayFacts clone =
        FakeBoard.at(root).file("etc/machine-id", "3d1219c7c4c5404aaa1f6d2a48adfda4\n").facts();
    Path data = root.resolve("data");
    DeviceIdentityConfig config = IdentityConfigs.defaults().build();

    String first =
        new DeviceIdentity(config, clone, new KeptDeviceId(data.resolve("device-id")), "1.0")
            .devId();
    String afterRestart =
        new DeviceIdentity(config, clone, new KeptDeviceId(data.resolve("device-id")), "1.0")
            .devId();
    String otherClone =
        new DeviceIdentity(config, clone, new KeptDeviceId(root.resolve("data2/device-id")), "1.0")
            .devId();

    assertThat(first).startsWith("urn:uuid:").isEqualTo(afterRestart).isNotEqualTo(otherClone);
    assertThat(Files.readString(data.resolve("device-id")).strip()).isEqualTo(first);
  }

  @Test
  void a_devid_the_operator_pins_wins_over_every_detected_one() throws Exception {
    GatewayFacts facts =
        FakeBoard.at(root).networkInterface("eth0", "00:1b:21:3a:4f:5c", 0, true).facts();
    DeviceIdentityConfig config =
        IdentityConfigs.defaults().with("devId", "urn:dev:ops:acme-gw-7").build();

    String devId =
        new DeviceIdentity(config, facts, new KeptDeviceId(root.resolve("data/device-id")), "1")
            .devId();

    assertThat(devId).isEqualTo("urn:dev:ops:acme-gw-7");
    assertThat(root.resolve("data/device-id")).doesNotExist();
  }

  @Test
  void configured_values_override_what_the_gateway_detects() throws Exception {
    GatewayFacts facts = FakeBoard.at(root).raspberryPi4().facts();
    DeviceIdentityConfig config =
        IdentityConfigs.defaults()
            .with("devId", "urn:dev:ops:acme-gw-7")
            .with("manufacturer", "ACME")
            .with("model", "GW-7")
            .with("language", "de-DE")
            .build();
    DevInfoObject mo = new DevInfoObject(new DeviceIdentity(config, facts, "0.1.0"));

    assertThat(devInfo(mo, "DevId")).isEqualTo("urn:dev:ops:acme-gw-7");
    assertThat(devInfo(mo, "Man")).isEqualTo("ACME");
    assertThat(devInfo(mo, "Mod")).isEqualTo("GW-7");
    assertThat(devInfo(mo, "Lang")).isEqualTo("de-DE");
  }

  @Test
  void a_machine_without_board_files_still_has_every_value() {
    GatewayFacts facts = FakeBoard.at(root).facts();
    DeviceIdentity identity = new DeviceIdentity(IdentityConfigs.defaults().build(), facts, "1.0");

    assertThat(identity.devId()).startsWith("urn:uuid:");
    assertThat(identity.model()).isEqualTo("generic-aarch64");
    assertThat(identity.manufacturer()).isEqualTo("unknown");
    assertThat(identity.hardwareVersion()).isEqualTo("aarch64");
  }

  @Test
  void devdetail_publishes_the_uri_limits_the_tree_enforces() throws Exception {
    GatewayFacts facts = FakeBoard.at(root).raspberryPi4().facts();
    UriLimits[] limits = {new UriLimits(20, 512, 64)};
    DevDetailObject mo =
        new DevDetailObject(
            new DeviceIdentity(IdentityConfigs.defaults().build(), facts, "0.1.0"),
            () -> limits[0]);

    assertThat(mo.readLive(NodeUri.of("./DevDetail/URI/MaxDepth")).orElseThrow().text())
        .isEqualTo("20");
    limits[0] = new UriLimits(8, 100, 10);
    assertThat(mo.readLive(NodeUri.of("./DevDetail/URI/MaxSegLen")).orElseThrow().text())
        .isEqualTo("10");
  }

  @Test
  void devdetail_describes_board_os_and_large_object_support() throws Exception {
    GatewayFacts facts = FakeBoard.at(root).raspberryPi4().facts();
    DevDetailObject mo =
        new DevDetailObject(
            new DeviceIdentity(IdentityConfigs.defaults().build(), facts, "0.1.0"),
            () -> UriLimits.DEFAULT);

    assertThat(mo.readLive(NodeUri.of("./DevDetail/HwV")).orElseThrow().text())
        .isEqualTo("Raspberry Pi 4 Model B Rev 1.4");
    assertThat(mo.readLive(NodeUri.of("./DevDetail/SwV")).orElseThrow().text())
        .isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(mo.readLive(NodeUri.of("./DevDetail/FwV")).orElseThrow().text())
        .isEqualTo("Linux 6.6.51+rpt-rpi-v8");
    assertThat(mo.readLive(NodeUri.of("./DevDetail/Ext/Cpu")).orElseThrow().text())
        .isEqualTo("BCM2835");
    NodeValue lrgObj = mo.readLive(NodeUri.of("./DevDetail/LrgObj")).orElseThrow();
    assertThat(lrgObj.format()).isEqualTo(NodeFormat.BOOL);
    assertThat(lrgObj.text()).isEqualTo("true");
  }

  @Test
  void nodes_the_mo_does_not_compute_are_left_to_the_tree() throws Exception {
    DevInfoObject mo =
        new DevInfoObject(
            new DeviceIdentity(
                IdentityConfigs.defaults().build(), FakeBoard.at(root).facts(), "0.1.0"));

    assertThat(mo.readLive(NodeUri.of("./DevInfo/Ext/Vendor"))).isEmpty();
    assertThat(mo.readLive(NodeUri.of("./DevInfo"))).isEmpty();
  }
}
