package io.dmagent.api.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.transport.ChannelSecurity.Mode;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelSecurityTest {
  private static final String HEX = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

  @Test
  void a_tls_psk_demand_carries_its_key_and_prints_it_as_stars() {
    ChannelSecurity demand = ChannelSecurity.tlsPsk("gw-0042", PskKey.fromHex(HEX));

    assertThat(demand.mode()).isEqualTo(Mode.TLS_PSK);
    assertThat(demand.pskIdentity()).contains("gw-0042");
    assertThat(HexFormat.of().formatHex(demand.pskKey().orElseThrow().bytes())).isEqualTo(HEX);
    assertThat(demand.toString()).contains("gw-0042", "***").doesNotContainIgnoringCase(HEX);
    assertThat(demand).isEqualTo(ChannelSecurity.tlsPsk("gw-0042", PskKey.fromHex(HEX)));
  }

  @Test
  void a_demand_without_a_key_leaves_it_to_the_binding_as_before() {
    ChannelSecurity demand =
        new ChannelSecurity(Mode.TLS_PSK, Optional.empty(), Optional.of("gw-0042"));

    assertThat(demand).isEqualTo(ChannelSecurity.tlsPsk("gw-0042"));
    assertThat(demand.pskKey()).isEmpty();
  }

  @Test
  void a_key_goes_only_with_tls_psk_and_an_identity() {
    PskKey key = PskKey.fromHex(HEX);

    assertThatThrownBy(
            () ->
                new ChannelSecurity(Mode.TLS, Optional.empty(), Optional.empty(), Optional.of(key)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new ChannelSecurity(
                    Mode.TLS_PSK, Optional.empty(), Optional.empty(), Optional.of(key)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChannelSecurity.tlsPsk(" ", key))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_malformed_key_is_refused_without_repeating_it() {
    assertThatThrownBy(() -> PskKey.fromHex("0f1e-secret-zz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the pre-shared key is not hexadecimal")
        .hasNoCause();
    assertThatThrownBy(() -> PskKey.fromHex("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_key_hands_out_copies_only() {
    PskKey key = PskKey.fromHex(HEX);
    key.bytes()[0] = 0;

    assertThat(key.bytes()[0]).isEqualTo((byte) 0x0f);
  }
}
