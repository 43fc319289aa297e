package io.dmagent.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HmacHeaderTest {
  private static final byte[] NONCE = "srv-nonce".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BODY = "<SyncML>...</SyncML>".getBytes(StandardCharsets.UTF_8);

  @Test
  void a_signed_header_survives_its_own_text_and_verifies_the_body() throws Exception {
    HmacHeader sent = HmacHeader.sign(DigestAlgorithm.SHA256, "dev1", "s3cret", NONCE, BODY);

    HmacHeader read = HmacHeader.parse(sent.value());

    assertThat(read).isEqualTo(sent);
    assertThat(read.value()).startsWith("algorithm=SHA-256, username=\"dev1\", mac=");
    assertThat(read.verifies("s3cret", NONCE, BODY)).isTrue();
  }

  @Test
  void a_changed_body_secret_or_nonce_fails_verification() {
    HmacHeader h = HmacHeader.sign(DigestAlgorithm.MD5, "dev1", "s3cret", NONCE, BODY);

    assertThat(h.verifies("s3cret", NONCE, "<SyncML>!</SyncML>".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(h.verifies("other", NONCE, BODY)).isFalse();
    assertThat(h.verifies("s3cret", new byte[] {1}, BODY)).isFalse();
  }

  @Test
  void parameters_in_any_order_and_spacing_with_md5_by_default() throws Exception {
    HmacHeader h = HmacHeader.parse(" mac=abc== ,username=\"dev1\",  extra=1");

    assertThat(h.algorithm()).isEqualTo(DigestAlgorithm.MD5);
    assertThat(h.username()).isEqualTo("dev1");
    assertThat(h.mac()).isEqualTo("abc==");
  }

  @Test
  void an_unquoted_username_is_taken_as_it_is() throws Exception {
    assertThat(HmacHeader.parse("username=dev1, mac=abc").username()).isEqualTo("dev1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "username=\"dev1\"",
        "mac=abc",
        "username=\"dev1\", mac=",
        "algorithm=SHA-1, username=\"dev1\", mac=abc",
        "username=\"dev1\", mac=abc, garbage"
      })
  void a_malformed_header_is_a_failed_authentication(String value) {
    assertThatThrownBy(() -> HmacHeader.parse(value))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.UNAUTHORIZED));
  }
}
