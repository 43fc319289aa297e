package io.dmagent.httplistener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JettySettingsTest {
  @TempDir Path dir;

  @Test
  void by_default_plain_http_listens_on_loopback_only() {
    Map<String, Object> p = JettySettings.of(config(Map.of()));

    assertThat(p)
        .containsEntry("org.apache.felix.http.host", "127.0.0.1")
        .containsEntry("org.apache.felix.http.enable", true)
        .containsEntry("org.osgi.service.http.port", 8088)
        .containsEntry("org.apache.felix.https.enable", false);
  }

  @Test
  void a_key_store_turns_the_one_connector_into_https_with_tls_1_2_and_1_3() throws Exception {
    Path store = Files.writeString(dir.resolve("listener.p12"), "not read here");

    Map<String, Object> p =
        JettySettings.of(
            config(
                Map.of(
                    "address", "0.0.0.0",
                    "port", "9443",
                    "keyStore", store.toString(),
                    "keyStorePassword", "s3cret")));

    assertThat(p)
        .containsEntry("org.apache.felix.http.host", "0.0.0.0")
        .containsEntry("org.apache.felix.http.enable", false)
        .containsEntry("org.apache.felix.https.enable", true)
        .containsEntry("org.osgi.service.http.port.secure", 9443)
        .containsEntry("org.apache.felix.https.keystore.type", "PKCS12")
        .containsEntry("org.apache.felix.https.keystore.key.password", "s3cret")
        .containsEntry("org.apache.felix.https.jetty.protocols.included", "TLSv1.3,TLSv1.2");
    assertThat(JettySettings.describe(p))
        .isEqualTo("https://0.0.0.0:9443 (key store " + store + ")")
        .doesNotContain("s3cret");
  }

  @Test
  void a_trust_store_makes_every_client_present_a_certificate() throws Exception {
    Path store = Files.writeString(dir.resolve("listener.p12"), "not read here");
    Path trust = Files.writeString(dir.resolve("clients.p12"), "not read here");

    Map<String, Object> with =
        JettySettings.of(
            config(
                Map.of(
                    "keyStore", store.toString(),
                    "trustStore", trust.toString(),
                    "trustStorePassword", "t0p")));
    Map<String, Object> without = JettySettings.of(config(Map.of("keyStore", store.toString())));

    assertThat(with)
        .containsEntry("org.apache.felix.https.clientcertificate", "needs")
        .containsEntry("org.apache.felix.https.truststore", trust.toString())
        .containsEntry("org.apache.felix.https.truststore.type", "PKCS12")
        .containsEntry("org.apache.felix.https.truststore.password", "t0p");
    assertThat(JettySettings.describe(with)).endsWith("client certificates from " + trust);
    assertThat(without).containsEntry("org.apache.felix.https.clientcertificate", "none");
    assertThatThrownBy(
            () ->
                JettySettings.of(
                    config(
                        Map.of(
                            "keyStore",
                            store.toString(),
                            "trustStore",
                            dir.resolve("none.p12").toString()))))
        .hasMessageEndingWith("is not a readable trust store file");
  }

  @Test
  void bad_values_are_refused_naming_the_key_the_value_and_what_is_expected() {
    assertThatThrownBy(() -> JettySettings.of(config(Map.of("address", "gateway.local"))))
        .hasMessage(
            "io.dmagent.http.listener: address=gateway.local is not an IP address such as"
                + " 127.0.0.1, ::1 or 0.0.0.0");
    assertThatThrownBy(() -> JettySettings.of(config(Map.of("port", "70000"))))
        .hasMessage("io.dmagent.http.listener: port=70000 is not a TCP port, 1-65535");
    assertThatThrownBy(
            () -> JettySettings.of(config(Map.of("keyStore", dir.resolve("none.p12").toString()))))
        .hasMessageContaining("keyStore=")
        .hasMessageEndingWith("is not a readable key store file");
  }

  @Test
  void an_ipv6_loopback_is_taken_and_written_in_brackets_in_the_log() {
    Map<String, Object> p = JettySettings.of(config(Map.of("address", "::1")));

    assertThat(p).containsEntry("org.apache.felix.http.host", "0:0:0:0:0:0:0:1");
    assertThat(JettySettings.describe(p)).isEqualTo("http://[0:0:0:0:0:0:0:1]:8088");
  }

  /** The configuration DS would hand over: the given values, the MetaType defaults otherwise. */
  private static ListenerConfig config(Map<String, String> given) {
    Map<String, String> v = new HashMap<>(given);
    return new ListenerConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return ListenerConfig.class;
      }

      @Override
      public String address() {
        return v.getOrDefault("address", "127.0.0.1");
      }

      @Override
      public int port() {
        return Integer.parseInt(v.getOrDefault("port", "8088"));
      }

      @Override
      public String keyStore() {
        return v.getOrDefault("keyStore", "");
      }

      @Override
      public String keyStoreType() {
        return v.getOrDefault("keyStoreType", "PKCS12");
      }

      @Override
      public String keyStorePassword() {
        return v.getOrDefault("keyStorePassword", "");
      }

      @Override
      public String keyPassword() {
        return v.getOrDefault("keyPassword", "");
      }

      @Override
      public String trustStore() {
        return v.getOrDefault("trustStore", "");
      }

      @Override
      public String trustStoreType() {
        return v.getOrDefault("trustStoreType", "PKCS12");
      }

      @Override
      public String trustStorePassword() {
        return v.getOrDefault("trustStorePassword", "");
      }
    };
  }
}
