package io.dmagent.outbox;

import io.dmagent.api.log.WireText;
import io.dmagent.api.outbox.Outbox;
import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OutboxException;
import io.dmagent.api.outbox.OverflowPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The outbox in one MVStore file ({@value #FILE_NAME}): the map {@code entries} from sequence
 * number to encoded entry (so that key order is the order entries were stored), and the map {@code
 * meta} with the last sequence number given, which only grows, so an id is never given twice. Every
 * store is in an MVStore commit forced to disk before the call returns: MVStore's copy-on-write
 * chunks make it whole or absent after a crash, and a torn last chunk is skipped when the file is
 * opened again.
 *
 * <p>Group commit: one forced write costs hundreds of microseconds, so concurrent callers share
 * one. Each call changes the maps under the object's lock and joins the open {@link CommitGroup};
 * then one caller at a time commits and forces every change made so far, while the others keep
 * changing the maps for the next group, and a caller returns once a force that covers its change
 * has completed (or the group failed, and then nothing of it counts as stored). Commits and forces
 * alternate strictly, so no commit reuses file space another unforced commit freed.
 *
 * <p>An acknowledgement joins the open group and returns without waiting for its force: the next
 * store's force (or closing) makes it durable. A crash before that forgets it, which the contract
 * allows (the entry is delivered again, with the same id), and a sender that acknowledges a batch
 * no longer waits for a forced write before it sends the next.
 *
 * <p>A file MVStore cannot read is kept aside (renamed, never deleted) with one warning and the
 * outbox starts empty, numbering from a fresh random point so that no id of the lost file comes
 * back. The folder is the agent user's alone (700) and so is the file (600): entries may carry what
 * a server must not share.
 */
public final class StoreOutbox implements Outbox, AutoCloseable {
  static final String FILE_NAME = "outbox.mv.db";
  private static final String LAST = "last";

  /** Compact after a change once the chunks hold less live data than this (percent). */
  private static final int COMPACT_BELOW_FILL = 50;

  /**
   * Look at the fill rate only every so many forced groups: small commits leave every chunk part
   * dead, so a check after each would compact (a rewrite and one more forced write, holding up
   * every caller) nearly every time.
   */
  private static final int COMPACT_EVERY_GROUPS = 32;

  private final MVStore store;
  private final MVMap<Long, byte[]> entries;
  private final MVMap<String, Long> meta;
  private final int capacity;
  private final OverflowPolicy policy;
  private final Consumer<String> warnings;
  private final Clock clock;

  /**
   * Held by the one caller that commits and forces; taken before the object's lock, never after.
   */
  private final Object committer = new Object();

  /** Forced writes of commit groups so far: fewer than the changes when callers share them. */
  private final AtomicLong groupsForced = new AtomicLong();

  /** Forced groups since the fill rate was last looked at (guarded by committer). */
  private int groupsSinceCompactionCheck;

  /** The changes made since the last commit (guarded by this). */
  private CommitGroup open = new CommitGroup();

  private StoreOutbox(
      MVStore store, int capacity, OverflowPolicy policy, Consumer<String> warnings, Clock clock) {
    this.store = store;
    this.entries = store.openMap("entries");
    this.meta = store.openMap("meta");
    this.capacity = capacity;
    this.policy = policy;
    this.warnings = warnings;
    this.clock = clock;
    // Safe because every commit is forced before the next one may reuse what it freed.
    store.setRetentionTime(0);
    if (meta.get(LAST) == null) {
      // A new file: ids start at a random point, so a file that replaces a lost one repeats none.
      meta.put(LAST, new SecureRandom().nextLong() & ((1L << 40) - 1));
      store.commit();
      store.sync();
    }
  }

  /**
   * Opens (or creates) the outbox in {@code folder}.
   *
   * @param capacity the most entries it holds (at least 1)
   * @param warnings one line per problem: a file set aside, an entry dropped when full
   * @throws IOException when the folder cannot be made or another process has the file open
   */
  public static StoreOutbox open(
      Path folder, int capacity, OverflowPolicy policy, Consumer<String> warnings)
      throws IOException {
    return open(folder, capacity, policy, warnings, Clock.systemUTC());
  }

  static StoreOutbox open(
      Path folder, int capacity, OverflowPolicy policy, Consumer<String> warnings, Clock clock)
      throws IOException {
    if (capacity < 1) {
      throw new IllegalArgumentException("an outbox holds at least one entry");
    }
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder);
      ownerOnly(folder, "rwx------"); // a folder of our own: nobody else may even list it
    }
    Path file = folder.resolve(FILE_NAME);
    try {
      return new StoreOutbox(mvStore(file), capacity, policy, warnings, clock);
    } catch (MVStoreException e) {
      if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
        throw new IOException("outbox " + file + " is in use by another process", e);
      }
      Path aside = file.resolveSibling(FILE_NAME + ".corrupt-" + clock.millis());
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      warnings.accept(
          "outbox "
              + file
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + "); kept aside as "
              + aside.getFileName()
              + ", starting empty");
      return new StoreOutbox(mvStore(file), capacity, policy, warnings, clock);
    }
  }

  private static MVStore mvStore(Path file) throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file);
      ownerOnly(file, "rw-------"); // before any entry is in it
    }
    // autoCommitDisabled: nothing reaches the file but what commit() forces, so no half change.
    return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().cacheSize(1).open();
  }

  private static void ownerOnly(Path path, String permissions) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
  }

  @Override
  public OutboxEntry store(String topic, String destination, byte[] payload)
      throws OutboxException {
    EntryCodec.name("topic", topic);
    EntryCodec.name("destination", destination);
    CommitGroup group;
    List<String> dropped;
    long seq;
    Instant now;
    synchronized (this) {
      try {
        now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        dropped = makeRoom(1);
        seq = meta.get(LAST) + 1;
        entries.put(seq, EntryCodec.encode(topic, destination, now, payload));
        meta.put(LAST, seq);
        group = open;
      } catch (MVStoreException | IllegalStateException e) {
        abandonOpenGroup(e);
        throw new OutboxException("cannot write the outbox: " + e.getMessage(), e);
      }
    }
    awaitDurable(group);
    dropped.forEach(warnings);
    return new OutboxEntry(id(seq), topic, destination, now, payload);
  }

  @Override
  public List<OutboxEntry> storeAll(String topic, String destination, List<byte[]> payloads)
      throws OutboxException {
    EntryCodec.name("topic", topic);
    EntryCodec.name("destination", destination);
    if (payloads.size() > capacity) {
      throw new OutboxException(
          payloads.size() + " entries at once: more than the outbox holds (" + capacity + ")",
          true);
    }
    List<byte[]> copies = payloads.stream().map(byte[]::clone).toList();
    CommitGroup group;
    List<String> dropped;
    long first;
    Instant now;
    synchronized (this) {
      try {
        now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        dropped = makeRoom(copies.size());
        first = meta.get(LAST) + 1;
        for (int i = 0; i < copies.size(); i++) {
          entries.put(first + i, EntryCodec.encode(topic, destination, now, copies.get(i)));
        }
        meta.put(LAST, first + copies.size() - 1);
        group = open;
      } catch (MVStoreException | IllegalStateException e) {
        abandonOpenGroup(e);
        throw new OutboxException("cannot write the outbox: " + e.getMessage(), e);
      }
    }
    awaitDurable(group);
    dropped.forEach(warnings);
    List<OutboxEntry> stored = new ArrayList<>(copies.size());
    for (int i = 0; i < copies.size(); i++) {
      stored.add(new OutboxEntry(id(first + i), topic, destination, now, copies.get(i)));
    }
    return stored;
  }

  /**
   * Makes room for {@code more} entries: under REJECT_NEW refuses unless they all fit (so nothing
   * is half stored); under DROP_OLDEST removes the oldest entries until they fit. Returns the
   * warnings of those dropped.
   */
  private List<String> makeRoom(int more) throws OutboxException {
    if (policy == OverflowPolicy.REJECT_NEW && entries.sizeAsLong() + more > capacity) {
      throw new OutboxException("the outbox holds its maximum of " + capacity + " entries", true);
    }
    List<String> dropped = new ArrayList<>();
    while (entries.sizeAsLong() + more > capacity) {
      Long oldest = entries.firstKey();
      String what = describe(oldest, entries.remove(oldest));
      dropped.add("outbox full (" + capacity + " entries): dropped the oldest, " + what);
    }
    return dropped;
  }

  private static String describe(long seq, byte[] bytes) {
    try {
      EntryCodec.Value v = EntryCodec.decode(bytes);
      return "entry " + id(seq) + " of " + v.topic() + " for " + WireText.quote(v.destination());
    } catch (IOException e) {
      return "entry " + id(seq);
    }
  }

  @Override
  public List<OutboxEntry> pending(String topic, Collection<String> destinations)
      throws OutboxException {
    Set<String> wanted = new HashSet<>(destinations);
    return select(topic, wanted::contains);
  }

  @Override
  public List<OutboxEntry> pending(String topic) throws OutboxException {
    return select(topic, destination -> true);
  }

  private synchronized List<OutboxEntry> select(String topic, Predicate<String> destination)
      throws OutboxException {
    List<OutboxEntry> out = new ArrayList<>();
    try {
      for (Map.Entry<Long, byte[]> e : entries.entrySet()) {
        EntryCodec.Value v = decode(e.getKey(), e.getValue());
        if (v != null && v.topic().equals(topic) && destination.test(v.destination())) {
          out.add(
              new OutboxEntry(id(e.getKey()), v.topic(), v.destination(), v.stored(), v.payload()));
        }
      }
    } catch (MVStoreException | IllegalStateException e) {
      throw new OutboxException("cannot read the outbox: " + e.getMessage(), e);
    }
    return out;
  }

  /** An entry that does not decode is reported and skipped; it stays in the file for a look. */
  private EntryCodec.Value decode(long seq, byte[] bytes) {
    try {
      return EntryCodec.decode(bytes);
    } catch (IOException e) {
      warnings.accept("outbox entry " + id(seq) + " skipped: " + e.getMessage());
      return null;
    }
  }

  @Override
  public void acknowledge(String topic, Collection<String> ids) throws OutboxException {
    synchronized (this) {
      try {
        for (String id : ids) {
          Long seq = sequence(id);
          byte[] bytes = seq == null ? null : entries.get(seq);
          EntryCodec.Value v = bytes == null ? null : decode(seq, bytes);
          if (v != null && v.topic().equals(topic)) {
            entries.remove(seq);
          }
        }
      } catch (MVStoreException | IllegalStateException e) {
        abandonOpenGroup(e);
        throw new OutboxException("cannot write the outbox: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public synchronized int size() throws OutboxException {
    try {
      return (int) Math.min(Integer.MAX_VALUE, entries.sizeAsLong());
    } catch (IllegalStateException e) {
      throw new OutboxException("cannot read the outbox: " + e.getMessage(), e);
    }
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public OverflowPolicy overflowPolicy() {
    return policy;
  }

  /**
   * Returns once {@code group} is forced to disk: at once if an earlier caller's force covered it,
   * else after committing and forcing it (with every change made since) itself.
   */
  private void awaitDurable(CommitGroup group) throws OutboxException {
    synchronized (committer) {
      if (!group.isDone()) {
        commitOpenGroup();
      }
    }
    RuntimeException failure = group.failure();
    if (failure != null) {
      throw new OutboxException("cannot write the outbox: " + failure.getMessage(), failure);
    }
  }

  /**
   * Commits the open group under the object's lock, then forces it without that lock, so that other
   * callers change the maps for the next group meanwhile; then, every {@value
   * #COMPACT_EVERY_GROUPS} groups, compacts if the file has become mostly free space. A change is
   * durable once forced: a compaction that fails after it only leaves the file larger, so it is
   * reported, never taken for a failed store.
   */
  private void commitOpenGroup() {
    CommitGroup closing;
    synchronized (this) {
      closing = open;
      open = new CommitGroup();
      try {
        store.commit();
      } catch (MVStoreException | IllegalStateException e) {
        rollback();
        closing.failed(e);
        return;
      }
    }
    try {
      store.sync();
    } catch (MVStoreException | IllegalStateException e) {
      closing.failed(e);
      return;
    }
    closing.forced();
    groupsForced.incrementAndGet();
    if (++groupsSinceCompactionCheck >= COMPACT_EVERY_GROUPS) {
      groupsSinceCompactionCheck = 0;
      compactIfSparse();
    }
  }

  long groupsForced() {
    return groupsForced.get();
  }

  private synchronized void compactIfSparse() {
    try {
      if (store.getFileStore().getChunksFillRate() < COMPACT_BELOW_FILL) {
        try {
          // Commits the open group's changes too; the force below covers them.
          store.compact(COMPACT_BELOW_FILL, 1 << 20);
        } finally {
          // Forced even when compacting failed half-way, so the next commit never reuses file
          // space an unforced commit freed.
          store.sync();
        }
      }
    } catch (MVStoreException | IllegalStateException e) {
      warnings.accept("outbox file not compacted: " + e.getMessage());
    }
  }

  /** A change failed half-way: every uncommitted change is rolled back, so its group fails. */
  private void abandonOpenGroup(RuntimeException cause) {
    rollback();
    open.failed(cause);
    open = new CommitGroup();
  }

  private void rollback() {
    if (!store.isClosed()) {
      store.rollback();
    }
  }

  /** Ids are sequence numbers, 16 digits so that their text order is their order. */
  static String id(long seq) {
    return String.format("%016d", seq);
  }

  private static Long sequence(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public synchronized void close() {
    if (!store.isClosed()) {
      try {
        // Acknowledgements since the last force are still open: written before the file closes.
        store.commit();
        store.sync();
      } catch (MVStoreException | IllegalStateException e) {
        warnings.accept("outbox: acknowledgements not written at close: " + e.getMessage());
      }
      store.close();
    }
  }
}
