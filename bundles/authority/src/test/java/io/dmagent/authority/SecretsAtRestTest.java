package io.dmagent.authority;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.stdobj.DmAccObject;
import io.dmagent.tree.AclMode;
import io.dmagent.tree.PlainTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at rest: the tree's store file and change log, which hold the DMAcc AAuthSecret, are the
 * agent user's alone (600), in a folder of the tree's own that only that user may enter (700).
 */
class SecretsAtRestTest {
  private static final String SECRET = "s3cret-at-rest";

  @TempDir Path dir;

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static void storeASecret(Path file) throws Exception {
    PlainTree tree =
        PlainTree.onFile(file)
            .aclMode(AclMode.TND)
            .codec(new DdfTndsCodec())
            .log(line -> {})
            .open();
    tree.graft(new DmAccObject());
    tree.operations(Principal.device())
        .addLeaf(NodeUri.of("./DMAcc/a/AppAuth/1/AAuthSecret"), NodeValue.text(SECRET));
    tree.close();
  }

  @Test
  void the_tree_store_holding_account_secrets_is_owner_read_only() throws Exception {
    Path file = dir.resolve("tree").resolve("tree.mv.db");

    storeASecret(file);

    assertThat(perms(file.getParent())).isEqualTo("rwx------");
    assertThat(perms(file)).isEqualTo("rw-------");
    assertThat(perms(file.resolveSibling("tree.mv.db.wal"))).isEqualTo("rw-------");
  }

  @Test
  void a_store_left_readable_by_others_is_made_owner_read_only_when_opened() throws Exception {
    Path file = dir.resolve("tree.mv.db");
    storeASecret(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(
        file.resolveSibling("tree.mv.db.wal"), PosixFilePermissions.fromString("rw-rw-rw-"));

    PlainTree.onFile(file).codec(new DdfTndsCodec()).open().close();

    assertThat(perms(file)).isEqualTo("rw-------");
    assertThat(perms(file.resolveSibling("tree.mv.db.wal"))).isEqualTo("rw-------");
  }
}
