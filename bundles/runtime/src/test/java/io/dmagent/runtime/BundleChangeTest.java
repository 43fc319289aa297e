package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BundleChangeTest {
  @Test
  void a_change_says_which_bundles_it_installed_and_uninstalled() {
    assertThat(new BundleChange(List.of("a"), List.of(), List.of("b", "c")))
        .hasToString("installed and started 1 bundle (a); uninstalled 2 bundles (b, c)");
  }

  @Test
  void a_change_says_which_bundles_it_updated_from_their_files() {
    BundleChange change = new BundleChange(List.of(), List.of("w"), List.of());
    assertThat(change.isEmpty()).isFalse();
    assertThat(change).hasToString("updated 1 bundle (w) from its changed file");
  }

  @Test
  void a_change_of_no_bundle_says_so() {
    BundleChange none = new BundleChange(List.of(), List.of(), List.of());
    assertThat(none.isEmpty()).isTrue();
    assertThat(none).hasToString("no bundle installed or uninstalled");
  }
}
