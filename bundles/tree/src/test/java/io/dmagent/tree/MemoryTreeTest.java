package io.dmagent.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The nodes in memory against a plain sorted map, and their loading from a source. */
class MemoryTreeTest {
  private static final NodeRecord FOLDER = NodeRecord.interior("", "", 1);

  private static NodeRecord leaf(String value) {
    return NodeRecord.leaf(NodeFormat.CHR, "text/plain", value.getBytes(), "", 1);
  }

  private static List<String> path(String... names) {
    return List.of(names);
  }

  @Test
  void children_stay_in_name_order_and_are_found_by_name_through_random_changes() {
    MemoryTree tree = new MemoryTree();
    tree.put(path(), FOLDER);
    tree.put(path("P"), FOLDER);
    TreeMap<String, String> model = new TreeMap<>();
    Random random = new Random(7);
    // Sizes from 0 to a few hundred: binary search below 16 children, the name index above, with
    // inserts at the front, in the middle and at the end, and removals anywhere.
    for (int step = 0; step < 20_000; step++) {
      String name = "n" + random.nextInt(step < 10_000 ? 400 : 12);
      if (random.nextInt(3) == 0) {
        assertThat(tree.remove(path("P", name)) != null).isEqualTo(model.remove(name) != null);
      } else {
        tree.put(path("P", name), leaf("v" + step));
        model.put(name, "v" + step);
      }
      String probe = "n" + random.nextInt(420);
      NodeRecord found = tree.get(path("P", probe));
      assertThat(found == null ? null : new String(found.value())).isEqualTo(model.get(probe));
      if (step % 500 == 0) {
        assertThat(tree.children(path("P")).names()).containsExactlyElementsOf(model.keySet());
      }
    }
    assertThat(tree.children(path("P")).names()).containsExactlyElementsOf(model.keySet());
  }

  @Test
  void a_leaf_replaced_by_an_interior_node_takes_children() {
    MemoryTree tree = new MemoryTree();
    tree.put(path(), FOLDER);
    tree.put(path("A"), leaf("a"));
    tree.put(path("A"), FOLDER);
    tree.put(path("A", "x"), leaf("x"));

    assertThat(tree.children(path("A")).names()).containsExactly("x");
    assertThat(tree.lookup(path("A", "x")).record()).isNotNull();
  }

  @Test
  void children_are_read_from_the_source_once_and_changes_below_unread_nodes_left_to_it() {
    List<List<String>> asked = new ArrayList<>();
    MemoryTree tree =
        new MemoryTree(
            FOLDER,
            (path, sink) -> {
              asked.add(path);
              if (path.isEmpty()) {
                sink.child("A", NodeRecord.interior("", "Get=*", 1));
              } else if (path.equals(List.of("A"))) {
                for (int i = 0; i < 20; i++) {
                  sink.child(String.format("c%02d", i), leaf("stored"));
                }
              }
            });

    // A change below a node whose children were never read: not applied, nothing read.
    assertThat(tree.put(path("A", "c03"), leaf("changed"))).isNull();
    assertThat(asked).isEmpty();

    MemoryTree.Found found = tree.lookup(path("A", "c07"));
    assertThat(new String(found.record().value())).isEqualTo("stored");
    assertThat(found.acl()).isEqualTo("Get=*");
    assertThat(tree.children(path("A")).size()).isEqualTo(20);
    assertThat(asked).containsExactly(List.of(), List.of("A"));

    // Now in memory: changes apply here.
    tree.put(path("A", "c03"), leaf("changed"));
    assertThat(new String(tree.get(path("A", "c03")).value())).isEqualTo("changed");
    assertThat(asked).hasSize(2);
  }
}
