package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

class AttributeCheckTest {
  /** An attribute as a bundle's MetaType declares it. */
  private record Attribute(int type, String[] options) implements AttributeDefinition {
    @Override
    public String getName() {
      return "name";
    }

    @Override
    public String getID() {
      return "id";
    }

    @Override
    public String getDescription() {
      return "";
    }

    @Override
    public int getCardinality() {
      return 0;
    }

    @Override
    public int getType() {
      return type;
    }

    @Override
    public String[] getOptionValues() {
      return options;
    }

    @Override
    public String[] getOptionLabels() {
      return options;
    }

    @Override
    public String validate(String value) {
      return null;
    }

    @Override
    public String[] getDefaultValue() {
      return null;
    }
  }

  @Test
  void a_word_for_an_integer_is_refused_saying_an_integer_is_expected() {
    assertThat(AttributeCheck.problem(new Attribute(AttributeDefinition.INTEGER, null), "abc"))
        .hasValueSatisfying(p -> assertThat(p).startsWith("expected an integer"));
  }

  @Test
  void numbers_of_each_type_fit_as_text_and_as_typed_values() {
    assertThat(AttributeCheck.problem(new Attribute(AttributeDefinition.INTEGER, null), "16384"))
        .isEmpty();
    assertThat(AttributeCheck.problem(new Attribute(AttributeDefinition.LONG, null), 5L)).isEmpty();
    assertThat(AttributeCheck.problem(new Attribute(AttributeDefinition.DOUBLE, null), "0.5"))
        .isEmpty();
  }

  @Test
  void an_integer_out_of_range_or_with_a_trailing_space_is_refused() {
    Attribute integer = new Attribute(AttributeDefinition.INTEGER, null);
    assertThat(AttributeCheck.problem(integer, "99999999999")).isPresent();
    assertThat(AttributeCheck.problem(integer, "16384 ")).isPresent();
  }

  @Test
  void a_boolean_is_true_or_false_and_nothing_else() {
    Attribute bool = new Attribute(AttributeDefinition.BOOLEAN, null);
    assertThat(AttributeCheck.problem(bool, "TRUE")).isEmpty();
    assertThat(AttributeCheck.problem(bool, "yes")).hasValue("expected true or false");
  }

  @Test
  void a_value_outside_the_options_is_refused_naming_them() {
    Attribute encoding = new Attribute(AttributeDefinition.STRING, new String[] {"WBXML", "XML"});
    assertThat(AttributeCheck.problem(encoding, "XML")).isEmpty();
    assertThat(AttributeCheck.problem(encoding, "JSON")).hasValue("expected one of WBXML, XML");
  }

  @Test
  void every_element_of_a_multi_valued_attribute_is_checked() {
    Attribute ints = new Attribute(AttributeDefinition.INTEGER, null);
    assertThat(AttributeCheck.problem(ints, new String[] {"1", "2"})).isEmpty();
    assertThat(AttributeCheck.problem(ints, java.util.List.of("1", "x"))).isPresent();
  }

  @Test
  void an_absent_value_is_left_to_the_default() {
    assertThat(AttributeCheck.problem(new Attribute(AttributeDefinition.INTEGER, null), null))
        .isEmpty();
  }
}
