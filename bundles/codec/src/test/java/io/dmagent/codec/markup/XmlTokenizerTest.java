package io.dmagent.codec.markup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlTokenizerTest {
  private static final TokenLimits LIMITS = TokenLimits.defaults();

  /** The events as text: {@code <ns|name>}, {@code </>} and {@code "text"}. */
  private static List<String> events(String xml, boolean bareAmpersands) throws MarkupException {
    XmlTokenizer t =
        new XmlTokenizer(
            xml.getBytes(StandardCharsets.UTF_8), LIMITS, bareAmpersands, new WorkMeter());
    List<String> events = new ArrayList<>();
    for (XmlTokenizer.Event e = t.next(); e != XmlTokenizer.Event.END_OF_DOCUMENT; e = t.next()) {
      events.add(
          switch (e) {
            case START -> "<" + t.namespace() + "|" + t.localName() + ">";
            case END -> "</>";
            case TEXT -> "\"" + t.text() + "\"";
            case END_OF_DOCUMENT -> "end";
          });
    }
    return events;
  }

  private static List<String> events(String xml) throws MarkupException {
    return events(xml, false);
  }

  private static MarkupException refusal(String xml) {
    return assertThrows(MarkupException.class, () -> events(xml));
  }

  @Test
  void namespaces_are_scoped_to_the_element_that_declares_them() throws Exception {
    assertThat(
            events(
                "<a xmlns='u1' xmlns:p='u2'><p:b xmlns:p='u3'><p:c/></p:b><p:d/><e xmlns=''/></a>"))
        .containsExactly(
            "<u1|a>", "<u3|b>", "<u3|c>", "</>", "</>", "<u2|d>", "</>", "<|e>", "</>", "</>");
  }

  @Test
  void text_joins_references_cdata_and_comments_and_normalises_line_ends() throws Exception {
    assertThat(events("<a>x&amp;&lt;&#65;&#x42;<!-- c --><![CDATA[<&>]]>\r\ny\rz&#13;</a>"))
        .containsExactly("<|a>", "\"x&<AB<&>\ny\nz\r\"", "</>");
  }

  @Test
  void a_character_xml_does_not_allow_is_refused_raw_or_as_a_reference() {
    assertThat(refusal("<a>&#1;</a>").getMessage())
        .startsWith("a character reference to a character XML does not allow");
    assertThat(refusal("<a>&#xFFFF;</a>").kind()).isEqualTo(MarkupException.Kind.MALFORMED);
    assertThat(refusal("<a>\u0001</a>").getMessage()).isEqualTo("characters XML does not allow");
    assertThat(refusal("<a b='&#0;'/>").kind()).isEqualTo(MarkupException.Kind.MALFORMED);
  }

  @Test
  void a_bare_ampersand_is_refused_unless_the_reader_takes_it_as_a_character() throws Exception {
    assertThat(refusal("<a>MAXDT=15&DR=1</a>").getMessage())
        .startsWith("'&' that starts no reference");
    assertThat(events("<a>MAXDT=15&DR=1 & &#;</a>", true))
        .containsExactly("<|a>", "\"MAXDT=15&DR=1 & &#;\"", "</>");
    assertThat(
            assertThrows(MarkupException.class, () -> events("<a>&nbsp;</a>", true)).getMessage())
        .startsWith("an undeclared entity");
  }

  @Test
  void per_element_bounds_are_too_large() {
    StringBuilder many = new StringBuilder("<a");
    for (int i = 0; i <= LIMITS.maxAttributes(); i++) {
      many.append(" a").append(i).append("='v'");
    }
    assertThat(refusal(many + "/>").getMessage())
        .isEqualTo("more than 64 attributes on one element");
    assertThat(refusal("<" + "n".repeat(257) + "/>").kind())
        .isEqualTo(MarkupException.Kind.TOO_LARGE);
    assertThat(refusal("<a b='" + "v".repeat(4097) + "'/>").kind())
        .isEqualTo(MarkupException.Kind.TOO_LARGE);
    assertThat(refusal("<a>".repeat(1025)).getMessage())
        .isEqualTo("elements nested deeper than 1024");
  }

  @Test
  void documents_that_are_not_well_formed_are_malformed() {
    for (String xml :
        new String[] {
          "",
          "text",
          "<a>",
          "<a></b>",
          "<a b='1' b='2'/>",
          "<p:a/>",
          "<a p:b='1'/>",
          "<a/><b/>",
          "<a/>text",
          "<a b=1/>",
          "<a><!-- c </a>",
          "<a>&#xZZ;</a>",
          "<a><b</a>"
        }) {
      assertThat(refusal(xml).kind()).as(xml).isEqualTo(MarkupException.Kind.MALFORMED);
    }
  }

  @Test
  void a_doctype_is_passed_over_and_one_with_an_internal_subset_refused() throws Exception {
    assertThat(events("<?xml version='1.0'?><!DOCTYPE a PUBLIC 'x' \"y[\"><a/>"))
        .containsExactly("<|a>", "</>");
    assertThat(refusal("<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>").getMessage())
        .isEqualTo(XmlTokenizer.INTERNAL_SUBSET);
  }

  @Test
  void utf_16_with_a_byte_order_mark_and_a_declared_charset_are_read() throws Exception {
    byte[] utf16 = "\uFEFF<a>\u00e9</a>".getBytes(StandardCharsets.UTF_16BE);
    byte[] latin1 =
        "<?xml version='1.0' encoding='ISO-8859-1'?><a>\u00e9</a>"
            .getBytes(StandardCharsets.ISO_8859_1);

    for (byte[] doc : new byte[][] {utf16, latin1}) {
      XmlTokenizer t = new XmlTokenizer(doc, LIMITS, new WorkMeter());
      assertThat(t.next()).isEqualTo(XmlTokenizer.Event.START);
      assertThat(t.next()).isEqualTo(XmlTokenizer.Event.TEXT);
      assertThat(t.text()).isEqualTo("\u00e9");
    }
    assertThat(
            assertThrows(
                    MarkupException.class,
                    () ->
                        new XmlTokenizer(
                            new byte[] {'<', 'a', '>', (byte) 0xC3, '<', '/', 'a', '>'},
                            LIMITS,
                            new WorkMeter()))
                .getMessage())
        .isEqualTo("the document is not UTF-8");
  }
}
