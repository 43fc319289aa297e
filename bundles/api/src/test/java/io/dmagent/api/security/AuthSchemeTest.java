package io.dmagent.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthSchemeTest {
  private static final byte[] NONCE = "Nonce".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @CsvSource({
    "BASIC, BASIC",
    "DIGEST, MD5",
    "md5, MD5",
    "DIGEST-SHA256, SHA256",
    "digest_sha-256, SHA256",
    "SHA256, SHA256",
    "HMAC, HMAC_MD5",
    "HMAC-MD5, HMAC_MD5",
    "' hmac-sha256 ', HMAC_SHA256"
  })
  void the_aauthtype_spellings_deployed_accounts_use_name_a_scheme(
      String aauthType, AuthScheme scheme) {
    assertThat(AuthScheme.fromAAuthType(aauthType)).contains(scheme);
  }

  @ParameterizedTest
  @ValueSource(strings = {"X509", "HTTP-DIGEST", "NONE", ""})
  void transport_level_and_unknown_aauthtypes_are_not_application_schemes(String value) {
    assertThat(AuthScheme.fromAAuthType(value)).isEmpty();
    assertThat(AuthScheme.fromAAuthType(null)).isEmpty();
  }

  @Test
  void meta_types_match_without_case_and_auth_mac_takes_the_hmac_hash() {
    assertThat(AuthScheme.fromMetaType("syncml:auth-SHA256", DigestAlgorithm.MD5))
        .contains(AuthScheme.SHA256);
    assertThat(AuthScheme.fromMetaType("syncml:auth-basic", DigestAlgorithm.MD5))
        .contains(AuthScheme.BASIC);
    assertThat(AuthScheme.fromMetaType("syncml:auth-mac", DigestAlgorithm.SHA256))
        .contains(AuthScheme.HMAC_SHA256);
    assertThat(AuthScheme.fromMetaType("syncml:auth-MAC", DigestAlgorithm.MD5))
        .contains(AuthScheme.HMAC_MD5);
    assertThat(AuthScheme.fromMetaType("syncml:auth-x509", DigestAlgorithm.MD5)).isEmpty();
    assertThat(AuthScheme.fromMetaType(null, DigestAlgorithm.MD5)).isEmpty();
  }

  @Test
  void each_scheme_round_trips_through_its_own_names() {
    for (AuthScheme s : AuthScheme.values()) {
      assertThat(AuthScheme.fromAAuthType(s.aauthType())).contains(s);
      assertThat(AuthScheme.fromMetaType(s.metaType(), s.algorithm())).contains(s);
    }
  }

  @Test
  void basic_and_digest_credentials_are_the_spec_examples_and_verify() {
    assertThat(AuthScheme.BASIC.credential("Bruce2", "OhBehave", NONCE))
        .isEqualTo("QnJ1Y2UyOk9oQmVoYXZl");
    assertThat(AuthScheme.MD5.credential("Bruce2", "OhBehave", NONCE))
        .isEqualTo("Zz6EivR3yeaaENcRN6lpAQ==");
    assertThat(AuthScheme.MD5.verifies("Zz6EivR3yeaaENcRN6lpAQ==", "Bruce2", "OhBehave", NONCE))
        .isTrue();
    assertThat(AuthScheme.MD5.verifies("Zz6EivR3yeaaENcRN6lpAQ==", "Bruce2", "wrong", NONCE))
        .isFalse();
  }

  @Test
  void sha256_digest_differs_from_md5_and_depends_on_the_nonce() {
    String sha = AuthScheme.SHA256.credential("Bruce2", "OhBehave", NONCE);

    assertThat(sha).isNotEqualTo(AuthScheme.MD5.credential("Bruce2", "OhBehave", NONCE));
    assertThat(AuthScheme.SHA256.credential("Bruce2", "OhBehave", new byte[] {1}))
        .isNotEqualTo(sha);
    assertThat(AuthScheme.SHA256.verifies(sha, "Bruce2", "OhBehave", NONCE)).isTrue();
  }

  @Test
  void hmac_is_never_carried_in_cred() {
    assertThat(AuthScheme.HMAC_MD5.isHmac()).isTrue();
    assertThat(AuthScheme.SHA256.isHmac()).isFalse();
    assertThatThrownBy(() -> AuthScheme.HMAC_SHA256.credential("a", "b", NONCE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("b\"");
  }

  @Test
  void only_basic_goes_without_a_nonce() {
    for (AuthScheme s : AuthScheme.values()) {
      assertThat(s.usesNonce()).isEqualTo(s != AuthScheme.BASIC);
    }
  }
}
