package io.dmagent.api.message;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code Item}: where to (Target) or from (Source), its Meta, its Data, and MoreData when it is
 * a chunk of a large object that is not the last.
 */
public record Item(
    Optional<Locator> target,
    Optional<Locator> source,
    Optional<Meta> meta,
    Optional<ItemData> data,
    boolean moreData) {

  public Item {
    Objects.requireNonNull(target);
    Objects.requireNonNull(source);
    Objects.requireNonNull(meta);
    Objects.requireNonNull(data);
  }

  /** An item naming a target node only (Get, Delete, Exec without data). */
  public static Item target(String uri) {
    return new Item(
        Optional.of(Locator.of(uri)), Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  /** An item carrying a value to a target node (Add, Replace). */
  public static Item target(String uri, Meta meta, ItemData data) {
    return new Item(
        Optional.of(Locator.of(uri)),
        Optional.empty(),
        Optional.of(meta),
        Optional.of(data),
        false);
  }

  /** An item carrying a value from a source node (Results, the DevInfo Replace, alerts). */
  public static Item source(String uri, Meta meta, ItemData data) {
    return new Item(
        Optional.empty(),
        Optional.of(Locator.of(uri)),
        Optional.of(meta),
        Optional.of(data),
        false);
  }

  /** An item with data only (Alert options and texts, Status items). */
  public static Item data(String text) {
    return new Item(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(ItemData.text(text)),
        false);
  }

  public Optional<String> targetUri() {
    return target.map(Locator::locUri);
  }

  public Optional<String> sourceUri() {
    return source.map(Locator::locUri);
  }

  public Item withMoreData(boolean value) {
    return new Item(target, source, meta, data, value);
  }

  public Item withData(ItemData value) {
    return new Item(target, source, meta, Optional.of(value), moreData);
  }

  public Item withMeta(Meta value) {
    return new Item(target, source, Optional.of(value), data, moreData);
  }
}
