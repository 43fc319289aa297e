package io.dmagent.hw.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PKCS#15 reader over an exchange recorded from the virtual card on pcscd (a 428-byte XML
 * bootstrap and a bootstrap server URL), and over that exchange with the card's data spoiled.
 */
class Pkcs15ReaderTest {
  private static final byte[] ATR = {0x3B, (byte) 0x88};
  private static final String SELECT_APP_BY_AID = "00A4040C0CA000000063504B43532D3135";
  private static final String SELECT_APP_BY_PATH = "00A4080C025015";

  private List<String> recorded;

  @BeforeEach
  void load() throws Exception {
    recorded = ScriptedChannel.recorded("pkcs15-card-exchange.txt");
  }

  private static final byte[] XML = xml();

  private static byte[] xml() {
    try (InputStream in = Pkcs15ReaderTest.class.getResourceAsStream("pkcs15-card-bootstrap.xml")) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CardContent read(List<String> script) throws CardDataException {
    return new Pkcs15Reader(new ScriptedChannel(script), 64 * 1024).read(ATR);
  }

  @Test
  void reads_the_bootstrap_file_the_server_url_and_the_card_id_of_a_recorded_card()
      throws Exception {
    ScriptedChannel card = new ScriptedChannel(recorded);

    CardContent content = new Pkcs15Reader(card, 64 * 1024).read(ATR);

    assertThat(content.cardId()).isEqualTo("card-42");
    assertThat(content.bootstrap()).hasValueSatisfying(b -> assertThat(b).isEqualTo(XML));
    assertThat(content.bootstrapServers())
        .containsExactly(URI.create("https://bootstrap.example:8443/dm"));
    assertThat(card.finished()).isTrue();
  }

  /** A BER-TLV in hex: tag, short or 81 length, the values. */
  private static String tlv(String tag, String... values) {
    String value = String.join("", values);
    int length = value.length() / 2;
    return tag + (length < 0x80 ? "" : "81") + String.format("%02X", length) + value;
  }

  private static final String BOOTSTRAP_OID = "0604672B0701";

  @Test
  void a_dodf_whose_object_overruns_its_file_is_refused() {
    List<String> script = cardWithDodf("A17F300E0C0C");

    assertThatThrownBy(() -> read(script))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("127 bytes announced, 4 left");
  }

  @Test
  void the_bootstrap_oid_followed_by_neither_a_path_nor_a_url_is_refused() {
    List<String> script = cardWithDodf(tlv("A1", tlv("30", BOOTSTRAP_OID, "020101")));

    assertThatThrownBy(() -> read(script))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("neither a Path nor a URL");
  }

  @Test
  void the_bootstrap_oid_at_the_end_of_its_object_is_refused() {
    List<String> script = cardWithDodf(tlv("A1", tlv("30", BOOTSTRAP_OID)));

    assertThatThrownBy(() -> read(script))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("followed by no value");
  }

  @Test
  void a_server_url_that_is_no_url_is_refused_and_quoted() {
    // IA5String "a b\n" after the OID: not a URL; the newline reaches the message escaped.
    List<String> script = cardWithDodf(tlv("A1", tlv("30", BOOTSTRAP_OID, tlv("16", "6120620A"))));

    assertThatThrownBy(() -> read(script))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("'a b\\n' is not a URL");
  }

  @Test
  void objects_nested_deeper_than_the_bound_are_refused() {
    String nested = "0400";
    for (int depth = 0; depth < 12; depth++) {
      nested = tlv("30", nested);
    }
    List<String> script = cardWithDodf(nested);

    assertThatThrownBy(() -> read(script))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("nested deeper");
  }

  @Test
  void two_bootstrap_files_on_one_card_are_refused() {
    String object = tlv("A1", tlv("30", BOOTSTRAP_OID, tlv("30", tlv("04", "4401"))));
    List<String> script = cardWithDodf(object + object);

    assertThatThrownBy(() -> read(script))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("2 EF(DM_Bootstrap) paths");
  }

  @Test
  void a_card_without_dm_objects_carries_nothing() throws Exception {
    // An opaque data object of another application, and padding of an erased EF.
    List<String> script =
        cardWithDodf(tlv("30", tlv("30", tlv("0C", "41")), tlv("30", "0603550403"), "FFFF"));

    assertThat(read(script).carriesNothing()).isTrue();
  }

  @Test
  void a_card_without_a_pkcs15_application_is_refused() {
    List<String> script = List.of(SELECT_APP_BY_AID + " -> 6A82", SELECT_APP_BY_PATH + " -> 6A82");

    assertThatThrownBy(() -> read(script))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("no PKCS#15 application")
        .hasMessageContaining("6A82");
  }

  @Test
  void the_application_is_found_by_path_when_the_card_does_not_know_its_aid() throws Exception {
    List<String> script =
        recorded.stream()
            .map(line -> line.replace(SELECT_APP_BY_AID + " ->", SELECT_APP_BY_PATH + " ->"))
            .toList();
    List<String> withRefusal = new java.util.ArrayList<>(List.of(SELECT_APP_BY_AID + " -> 6A82"));
    withRefusal.addAll(script);

    assertThat(read(withRefusal).bootstrap()).hasValueSatisfying(b -> assertThat(b).isEqualTo(XML));
  }

  /** Application, no TokenInfo, ODF, and the DODF given, then {@code rest}. */
  private static List<String> cardWithDodf(String dodf, String... rest) {
    int size = dodf.length() / 2;
    List<String> script =
        new java.util.ArrayList<>(
            List.of(
                SELECT_APP_BY_AID + " -> 9000",
                SELECT_APP_BY_AID + " -> 9000",
                "00A4090402503200 -> 6A82",
                SELECT_APP_BY_AID + " -> 9000",
                "00A4090402503100 -> 620480020008 9000",
                "00B0000008 -> A706300404025034 9000",
                SELECT_APP_BY_AID + " -> 9000",
                "00A4090402503400 -> 62048002" + String.format("%04X", size) + " 9000",
                "00B00000" + hexLength(size) + " -> " + dodf + " 9000"));
    script.addAll(List.of(rest));
    return script;
  }

  /** A DODF whose one oidDO names EF(DM_Bootstrap) by {@code pathSequence}. */
  private static List<String> cardWithBootstrapAt(String pathSequence, String... rest) {
    return cardWithDodf(tlv("A1", tlv("30", BOOTSTRAP_OID, pathSequence)), rest);
  }

  private static String hexLength(int length) {
    return String.format("%02X", length);
  }

  @Test
  void beyond_32_kb_the_odd_read_binary_carries_the_offset_in_a_data_object() throws Exception {
    // Path 3F00 5015 4401, index 40000 (9C40), length 5: only the odd INS reaches there.
    String path = tlv("30", tlv("04", "3F0050154401"), tlv("02", "009C40"), tlv("80", "05"));
    List<String> script =
        cardWithBootstrapAt(
            path,
            "00A40804045015440100 -> 62058003010000 9000",
            "00B1000004" + "54029C40" + "00 -> 5305 0102030405 9000");

    assertThat(read(script).bootstrap())
        .hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3, 4, 5));
  }

  @Test
  void a_card_refusing_the_odd_read_binary_beyond_32_kb_is_refused() {
    String path = tlv("30", tlv("04", "3F0050154401"), tlv("02", "008000"), tlv("80", "05"));
    List<String> script =
        cardWithBootstrapAt(
            path,
            "00A40804045015440100 -> 62058003010000 9000",
            "00B1000004" + "54028000" + "00 -> 6D00");

    assertThatThrownBy(() -> read(script))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("READ BINARY at offset 32768 refused: 6D00");
  }

  @Test
  void a_file_of_unknown_size_is_read_to_its_end() throws Exception {
    String path = tlv("30", tlv("04", "3F0050154401"));
    List<String> script =
        cardWithBootstrapAt(
            path,
            "00A40804045015440100 -> 6A86",
            "00A4080C0450154401 -> 9000",
            "00B0000000 -> " + "AB".repeat(256) + "9000",
            "00B0010000 -> " + "CD".repeat(10) + "6282");

    assertThat(read(script).bootstrap())
        .hasValueSatisfying(b -> assertThat(b).hasSize(266).startsWith(0xAB).endsWith(0xCD));
  }

  @Test
  void a_file_shorter_than_its_control_parameters_say_is_refused() {
    String path = tlv("30", tlv("04", "3F0050154401"));
    List<String> script =
        cardWithBootstrapAt(
            path,
            "00A40804045015440100 -> 620480020064 9000",
            "00B0000064 -> " + "AB".repeat(40) + "6282");

    assertThatThrownBy(() -> read(script))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("file ended after 40 of its 100 bytes");
  }
}
