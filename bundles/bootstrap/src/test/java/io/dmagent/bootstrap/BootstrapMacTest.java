package io.dmagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.bootstrap.BootstrapResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BootstrapMacTest {
  static final byte[] BODY = "a bootstrap body".getBytes(StandardCharsets.UTF_8);

  @Test
  void an_odd_imsi_becomes_the_semi_octets_of_the_digest_example() {
    assertThat(HexFormat.of().formatHex(ImsiKey.semiOctets("234150999999999")))
        .isEqualTo("2943519099999999");
  }

  @Test
  void an_even_imsi_is_padded_with_f_as_the_digest_example_shows() {
    assertThat(HexFormat.of().formatHex(ImsiKey.semiOctets("21407650123456")))
        .isEqualTo("21417056103254f6");
  }

  @Test
  void hmac_sha1_gives_the_rfc_2202_answer() {
    byte[] key = new byte[20];
    java.util.Arrays.fill(key, (byte) 0x0b);
    assertThat(
            HexFormat.of()
                .formatHex(BootstrapMac.hmac(key, "Hi There".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("b617318655057264e28bc0b6fb378c8ef146be00");
  }

  @Test
  void each_scheme_is_keyed_as_the_digest_says() throws Exception {
    BootstrapMac mac = new BootstrapMac(new Secrets("234150999999999", "1234"));

    assertThat(mac.key(SecurityScheme.NETWPIN))
        .isEqualTo(HexFormat.of().parseHex("2943519099999999"));
    assertThat(mac.key(SecurityScheme.USERPIN)).isEqualTo("1234".getBytes());
    assertThat(mac.key(SecurityScheme.USERNETWPIN))
        .isEqualTo(HexFormat.of().parseHex("294351909999999931323334"));
    assertThat(mac.key(SecurityScheme.NETWORKID)).isEqualTo("234150999999999".getBytes());
    assertThat(mac.key(SecurityScheme.USERPIN_NETWORKID))
        .isEqualTo("1234:234150999999999".getBytes());
  }

  @Test
  void both_spellings_of_sec_name_a_scheme() {
    assertThat(SecurityScheme.of("0")).contains(SecurityScheme.NETWPIN);
    assertThat(SecurityScheme.of("3")).contains(SecurityScheme.USERPINMAC);
    assertThat(SecurityScheme.of("networkid")).contains(SecurityScheme.NETWORKID);
    assertThat(SecurityScheme.of("USERPIN_NETWORKID")).contains(SecurityScheme.USERPIN_NETWORKID);
    assertThat(SecurityScheme.of("7")).isEmpty();
  }

  @Test
  void a_netwpin_mac_verifies_and_a_flipped_body_does_not() throws Exception {
    BootstrapMac mac = new BootstrapMac(new Secrets("234150999999999", ""));
    String hex =
        HexFormat.of().formatHex(BootstrapMac.hmac(ImsiKey.semiOctets("234150999999999"), BODY));
    BootstrapContentType type =
        BootstrapContentType.parse("application/vnd.syncml.dm+wbxml; SEC=0; MAC=\"" + hex + "\"");

    mac.verify(type, BODY);
    byte[] flipped = BODY.clone();
    flipped[0] ^= 1;
    assertThatThrownBy(() -> mac.verify(type, flipped))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.outcome()).isEqualTo(Outcome.NOT_AUTHENTIC));
  }

  @Test
  void userpinmac_checks_the_second_half_of_the_pin_against_the_mac_digits() throws Exception {
    String digits = BootstrapMac.pinMacDigits("4711", BODY);
    BootstrapContentType type =
        BootstrapContentType.parse("application/vnd.wap.connectivity-wbxml; SEC=3");

    new BootstrapMac(new Secrets("", "4711" + digits)).verify(type, BODY);
    String wrong = digits.substring(0, 3) + (char) ('0' + (digits.charAt(3) - '0' + 1) % 10);
    assertThatThrownBy(() -> new BootstrapMac(new Secrets("", "4711" + wrong)).verify(type, BODY))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("USERPINMAC");
  }

  @Test
  void a_scheme_whose_secret_is_not_configured_is_not_authentic_without_naming_secrets() {
    BootstrapMac mac = new BootstrapMac(Secrets.none());
    assertThatThrownBy(
            () ->
                mac.verify(
                    BootstrapContentType.parse("application/vnd.syncml.dm+wbxml; SEC=1; MAC=00"),
                    BODY))
        .isInstanceOf(Refusal.class)
        .hasMessage("no user PIN is configured");
    assertThat(new Secrets("234150999999999", "1234").toString()).doesNotContain("1234");
  }
}
