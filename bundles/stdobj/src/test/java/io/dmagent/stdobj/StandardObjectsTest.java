package io.dmagent.stdobj;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.UriLimits;
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
  void devid_falls_back_to_the_machine_id_as_a_uuid_urn() throws Exception {
    GatewayFacts facts =
        FakeBoard.at(root).file("etc/machine-id", "3D1219C7C4C5404AAA1F6D2A48ADFDA4\n").facts();

    assertThat(facts.deviceUrn()).contains("urn:uuid:3d1219c7-c4c5-404a-aa1f-6d2a48adfda4");
  }

  @Test
  void an_all_zero_serial_is_no_identity() throws Exception {
    GatewayFacts facts =
        FakeBoard.at(root)
            .file("proc/cpuinfo", "Serial\t\t: 0000000000000000\n")
            .file("etc/machine-id", "3d1219c7c4c5404aaa1f6d2a48adfda4")
            .facts();

    assertThat(facts.deviceUrn()).contains("urn:uuid:3d1219c7-c4c5-404a-aa1f-6d2a48adfda4");
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

    assertThat(identity.devId()).startsWith("urn:dev:ops:");
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
