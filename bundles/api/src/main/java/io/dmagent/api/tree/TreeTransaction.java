package io.dmagent.api.tree;

/**
 * An all-or-nothing unit of tree work, as an Atomic needs: nothing is visible to others or durable
 * before {@link #commit()}, and a crash before commit leaves no trace. {@link #close()} without
 * commit rolls back.
 */
@org.osgi.annotation.versioning.ProviderType
public interface TreeTransaction extends TreeOperations, AutoCloseable {

  /** Makes every change of this transaction durable at once (fsync before returning). */
  void commit() throws DmException;

  /** Discards every change of this transaction. */
  void rollback();

  /** Rolls back unless committed. */
  @Override
  void close();
}
