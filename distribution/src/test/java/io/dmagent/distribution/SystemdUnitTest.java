package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped systemd unit, etc/dmagent.service, read as systemd reads it. */
class SystemdUnitTest {
  private static final Path UNIT = Path.of("src/main/dist/etc/dmagent.service");

  /** Every value of every key of the [Service] section, in order. */
  private static Map<String, List<String>> service() throws IOException {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    String section = "";
    for (String raw : Files.readAllLines(UNIT, StandardCharsets.UTF_8)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        section = line;
        continue;
      }
      int eq = line.indexOf('=');
      if (section.equals("[Service]") && eq > 0) {
        keys.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
            .add(line.substring(eq + 1).strip());
      }
    }
    return keys;
  }

  private static String one(String key) throws IOException {
    List<String> values = service().getOrDefault(key, List.of());
    assertThat(values).as(key).hasSize(1);
    return values.get(0);
  }

  @Test
  void a_stop_by_sigterm_is_not_a_failure() throws IOException {
    assertThat(one("KillSignal")).isEqualTo("SIGTERM");
    assertThat(one("SuccessExitStatus").split("\\s+")).contains("143");
  }

  @Test
  void the_file_system_is_read_only_but_the_data_folder() throws IOException {
    assertThat(one("ProtectSystem")).isEqualTo("strict");
    assertThat(one("ReadWritePaths").split("\\s+")).containsExactly("/opt/dmagent/data");
    assertThat(one("ExecStart")).startsWith("/opt/dmagent/");
    assertThat(one("UMask")).isEqualTo("0077");
  }

  @Test
  void the_service_has_no_privileges_devices_or_kernel_access() throws IOException {
    Map<String, List<String>> s = service();
    for (String key :
        List.of(
            "NoNewPrivileges",
            "PrivateTmp",
            "PrivateDevices",
            "ProtectHome",
            "ProtectKernelTunables",
            "ProtectKernelModules",
            "ProtectKernelLogs",
            "ProtectControlGroups",
            "RestrictNamespaces",
            "RestrictSUIDSGID",
            "LockPersonality")) {
      assertThat(s.get(key)).as(key).containsExactly("yes");
    }
    assertThat(s.get("CapabilityBoundingSet")).containsExactly("");
    assertThat(one("User")).isEqualTo("dmagent");
    assertThat(one("SystemCallFilter")).isEqualTo("@system-service");
    assertThat(one("RestrictAddressFamilies").split("\\s+"))
        .containsExactlyInAnyOrder("AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK");
  }

  @Test
  void the_jit_is_allowed_to_write_code() throws IOException {
    // MemoryDenyWriteExecute=yes kills the JVM at its first compiled method.
    assertThat(service()).doesNotContainKey("MemoryDenyWriteExecute");
  }

  /**
   * systemd's own judgement of the sandbox: 8.9 ("EXPOSED") for the unit before it was hardened.
   */
  @Test
  void systemd_analyze_rates_the_sandbox_ok(@TempDir Path dir) throws Exception {
    boolean available = onPath("systemd-analyze");
    if (System.getenv("CI") == null) {
      assumeTrue(available, "systemd-analyze not installed (Debian package systemd)");
    }
    assertThat(available).as("systemd-analyze on PATH (CI installs systemd)").isTrue();
    Path unit = Files.copy(UNIT, dir.resolve("dmagent.service"));
    Process p =
        new ProcessBuilder("systemd-analyze", "security", "--offline=true", unit.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Matcher m = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    assertThat(Double.parseDouble(m.group(1)))
        .as(out)
        .isLessThanOrEqualTo(2.0); // 1.5 measured with systemd 252
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
