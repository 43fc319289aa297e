package io.dmagent.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.UriLimits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Listeners react to the nodes a graft creates (the diagnostics bundle sets their ACLs): by the
 * time they hear of them, the management object must be grafted, or its subtree is still hidden to
 * them.
 */
class GraftEventsTest {

  @Test
  void changes_of_a_graft_are_published_once_the_mo_is_grafted() {
    AtomicReference<TreeEngine> engine = new AtomicReference<>();
    List<Boolean> graftedWhenPublished = new ArrayList<>();
    SensorMo mo = new SensorMo();
    engine.set(
        new TreeEngine(
            TreeStore.inMemory(),
            UriLimits.DEFAULT,
            AclMode.TND,
            Clock.systemUTC(),
            0,
            changes -> {
              if (changes.stream().anyMatch(c -> c.kind() == TreeChange.Kind.ADDED)) {
                graftedWhenPublished.add(engine.get().mos.isGrafted(mo.root()));
              }
            }));
    Grafting grafting = new Grafting(engine.get(), Codecs.description(), line -> {}, line -> {});

    assertThat(grafting.graft(mo)).isTrue();

    assertThat(graftedWhenPublished).containsExactly(true);
  }
}
