package io.dmagent.server.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerKeysTest {
  private static final String KEY =
      Base64.getEncoder().encodeToString("sixteen byte key".getBytes());

  @Test
  void peers_come_from_one_comma_separated_value_as_a_cfg_file_gives_them() {
    List<String> log = new ArrayList<>();

    var peers = PeerKeys.parse(new String[] {"srvA=" + KEY + ", srvB=" + KEY}, log::add);

    assertThat(peers).containsOnlyKeys("srvA", "srvB");
    assertThat(peers.get("srvA")).isEqualTo("sixteen byte key".getBytes());
    assertThat(log).isEmpty();
  }

  @Test
  void a_bad_entry_is_left_out_with_one_line_that_never_shows_the_key() {
    List<String> log = new ArrayList<>();
    String shortKey = Base64.getEncoder().encodeToString("short".getBytes());

    var peers =
        PeerKeys.parse(
            new String[] {"srvA=" + shortKey, "srvB=not*base64", "=" + KEY, "srvC=" + KEY},
            log::add);

    assertThat(peers).containsOnlyKeys("srvC");
    assertThat(log).hasSize(3).noneMatch(l -> l.contains(shortKey) || l.contains(KEY));
  }
}
