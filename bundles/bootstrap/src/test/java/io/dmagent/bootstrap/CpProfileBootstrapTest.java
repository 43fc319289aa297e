package io.dmagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapResult.Outcome;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.testing.ThirdPartyVectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CP-profile bootstraps, against the CP documents of other implementations. */
class CpProfileBootstrapTest {
  static final String CP_XML = "text/vnd.wap.connectivity-xml";
  static final String CP_WBXML = "application/vnd.wap.connectivity-wbxml";

  @TempDir Path data;
  Fixture f;

  @BeforeEach
  void open() throws Exception {
    f =
        new Fixture(
            data, BootstrapSettings.defaults().withUnsignedFactory(true), Messages.secrets());
  }

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  @Test
  void cpclient_omadm_xml_gives_the_expected_dm_account() throws Exception {
    BootstrapResult r =
        f.apply(
            BootstrapSource.FACTORY_FILE, CP_XML, ThirdPartyVectors.bytes("cpclient/omadm.xml"));

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertOmadmAccount();
  }

  @Test
  void the_wbxml_form_of_omadm_gives_the_same_account() throws Exception {
    BootstrapResult r =
        f.apply(
            BootstrapSource.FACTORY_FILE,
            CP_WBXML,
            ThirdPartyVectors.bytes("libwbxml-derived/omadm.wbxml"));

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertOmadmAccount();
  }

  private void assertOmadmAccount() throws Exception {
    String acc = "./DMAcc/dmserver";
    assertThat(f.value(acc + "/AppID")).isEqualTo("w7");
    assertThat(f.value(acc + "/ServerID")).isEqualTo("dmserver");
    assertThat(f.value(acc + "/Name")).isEqualTo("DM Server");
    assertThat(f.value(acc + "/AppAddr/1/Addr")).isEqualTo("http://127.0.0.1/dm");
    assertThat(f.value(acc + "/AppAddr/1/AddrType")).isEqualTo("URI");
    assertThat(f.value(acc + "/AppAddr/1/Port/1/PortNbr")).isEqualTo("8080");
    assertThat(f.value(acc + "/AppAuth/1/AAuthLevel")).isEqualTo("CLCRED");
    assertThat(f.value(acc + "/AppAuth/1/AAuthType")).isEqualTo("DIGEST");
    assertThat(f.value(acc + "/AppAuth/1/AAuthName")).isEqualTo("username");
    assertThat(f.value(acc + "/AppAuth/2/AAuthLevel")).isEqualTo("SRVCRED");
    assertThat(f.value(acc + "/AAuthPref")).isEqualTo("DIGEST");
    assertThat(f.acl(acc)).isEqualTo("Delete=dmserver&Get=dmserver&Replace=dmserver");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cpclient/bookmarks.xml",
        "cpclient/data-sync.xml",
        "cpclient/email.xml",
        "cpclient/internetmms.xml",
        "cpclient/proxy-nap-group.xml",
        "cpclient/proxytest.xml",
        "cpclient/simplemms.xml"
      })
  void other_cp_documents_are_ignored_cleanly(String vector) throws Exception {
    List<String> before = f.snapshot();

    BootstrapResult r =
        f.apply(BootstrapSource.FACTORY_FILE, CP_XML, ThirdPartyVectors.bytes(vector));

    assertThat(r.outcome()).isEqualTo(Outcome.UNSUPPORTED);
    assertThat(f.snapshot()).isEqualTo(before);
    assertThat(f.log).anyMatch(l -> l.contains("CP characteristic") && l.contains("ignored"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "libwbxml-derived/prov-001.wbxml",
        "libwbxml-derived/prov-002.wbxml",
        "libwbxml-derived/prov-003.wbxml"
      })
  void other_cp_wbxml_documents_are_ignored_cleanly(String vector) throws Exception {
    List<String> before = f.snapshot();

    BootstrapResult r =
        f.apply(BootstrapSource.FACTORY_FILE, CP_WBXML, ThirdPartyVectors.bytes(vector));

    assertThat(r.outcome()).isEqualTo(Outcome.UNSUPPORTED);
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  void a_dm_11_account_added_under_syncml_dmacc_is_processed_and_refused_as_no_dmacc()
      throws Exception {
    List<String> before = f.snapshot();

    BootstrapResult r =
        f.apply(
            BootstrapSource.FACTORY_FILE,
            "application/vnd.syncml.dm+xml",
            ThirdPartyVectors.bytes("libwbxml/syncml/syncml-012.xml"));

    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(r.reason()).contains("no DMAcc");
    assertThat(f.log).anyMatch(l -> l.contains("unsupported MO") && l.contains("./SyncML"));
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  void a_truncated_wbxml_document_is_invalid() throws Exception {
    byte[] doc = ThirdPartyVectors.bytes("libwbxml-derived/omadm.wbxml");
    List<String> before = f.snapshot();

    BootstrapResult r =
        f.apply(
            BootstrapSource.FACTORY_FILE, CP_WBXML, java.util.Arrays.copyOf(doc, doc.length - 7));

    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  void an_init_parameter_asks_for_a_session_even_when_configuration_does_not() throws Exception {
    f.close();
    f =
        new Fixture(
            data,
            BootstrapSettings.defaults().withUnsignedFactory(true).withSessionAfterBootstrap(false),
            Messages.secrets());
    String doc =
        "<wap-provisioningdoc><characteristic type=\"APPLICATION\">"
            + "<parm name=\"APPID\" value=\"w7\"/><parm name=\"PROVIDER-ID\" value=\"p\"/>"
            + "<parm name=\"ADDR\" value=\"https://p.example.com/\"/>%s"
            + "</characteristic></wap-provisioningdoc>";

    f.apply(
        BootstrapSource.FACTORY_FILE, CP_XML, doc.formatted("").getBytes(StandardCharsets.UTF_8));
    assertThat(f.sessions).isEmpty();
    f.apply(
        BootstrapSource.FACTORY_FILE,
        CP_XML,
        doc.formatted("<parm name=\"INIT\"/>").getBytes(StandardCharsets.UTF_8));
    assertThat(f.sessions).containsExactly("p");
  }

  @Test
  void a_document_with_a_dtd_entity_is_refused() throws Exception {
    String doc =
        "<?xml version=\"1.0\"?><!DOCTYPE wap-provisioningdoc [<!ENTITY x \"w7\">]>"
            + "<wap-provisioningdoc><characteristic type=\"APPLICATION\">"
            + "<parm name=\"APPID\" value=\"&x;\"/></characteristic></wap-provisioningdoc>";

    BootstrapResult r =
        f.apply(BootstrapSource.FACTORY_FILE, CP_XML, doc.getBytes(StandardCharsets.UTF_8));

    assertThat(r.outcome()).isIn(Outcome.INVALID, Outcome.UNSUPPORTED);
    assertThat(f.exists("./DMAcc")).isTrue();
    assertThat(f.device().get(io.dmagent.api.tree.NodeUri.of("./DMAcc")).children()).isEmpty();
  }
}
