package dev.microworks.demosor.records;

import dev.microworks.demosor.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The records of one collection, numbered 1, 2, 3, ... in creation order; records are never
 * deleted. Thread-safe: readers share a read lock, writers take the write lock, and views are built
 * under the lock so a reader never sees half a write.
 */
final class RecordStore<E extends SorEntity> {

  /** Bulk inserts release the lock after this many records so that readers are not starved. */
  private static final int BATCH = 10_000;

  /**
   * One page of a position-based listing.
   *
   * @param total number of records matching the filter
   * @param items the views of the records on the page
   */
  record Slice(int total, List<Object> items) {}

  /**
   * One page of a cursor-based listing.
   *
   * @param items the views of the records on the page
   * @param lastNumber number of the last record on the page
   * @param more whether records after the page match the filter
   */
  record Scan(List<Object> items, int lastNumber, boolean more) {}

  private final SorCollection collection;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ArrayList<E> rows = new ArrayList<>();

  RecordStore(SorCollection collection) {
    this.collection = collection;
  }

  SorCollection collection() {
    return collection;
  }

  int size() {
    lock.readLock().lock();
    try {
      return rows.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Adds {@code count} records made by {@code factory} from their number; returns the first. */
  int addAll(int count, IntFunction<E> factory) {
    int first = -1;
    int done = 0;
    while (done < count) {
      lock.writeLock().lock();
      try {
        int batch = Math.min(BATCH, count - done);
        rows.ensureCapacity(rows.size() + batch);
        for (int i = 0; i < batch; i++) {
          int number = rows.size() + 1;
          rows.add(factory.apply(number));
          if (first < 0) {
            first = number;
          }
        }
        done += batch;
      } finally {
        lock.writeLock().unlock();
      }
    }
    return first;
  }

  /** Reads the record with this key; 404 if there is none. */
  <R> R read(String key, Function<E, R> reader) {
    lock.readLock().lock();
    try {
      return reader.apply(find(key));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Changes the record with this key under the write lock; 404 if there is none. */
  <R> R write(String key, Function<E, R> writer) {
    lock.writeLock().lock();
    try {
      return writer.apply(find(key));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Changes the record with this number under the write lock; it must exist. */
  <R> R write(int number, Function<E, R> writer) {
    lock.writeLock().lock();
    try {
      return writer.apply(rows.get(number - 1));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The records at positions [offset, offset + limit) among those updated at or after since. */
  Slice slice(int offset, int limit, Instant since) {
    lock.readLock().lock();
    try {
      List<Object> items = new ArrayList<>(Math.min(limit, 1024));
      if (since == null) {
        int end = (int) Math.min(rows.size(), (long) offset + limit);
        for (int i = offset; i < end; i++) {
          items.add(rows.get(i).summary(collection));
        }
        return new Slice(rows.size(), items);
      }
      long sinceMillis = ceilMillis(since);
      int matched = 0;
      for (E row : rows) {
        if (row.updatedAt >= sinceMillis) {
          if (matched >= offset && items.size() < limit) {
            items.add(row.summary(collection));
          }
          matched++;
        }
      }
      return new Slice(matched, items);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Up to {@code limit} records numbered after {@code afterNumber}, updated at or after since. */
  Scan scan(int afterNumber, int limit, Instant since) {
    lock.readLock().lock();
    try {
      long sinceMillis = since == null ? Long.MIN_VALUE : ceilMillis(since);
      List<Object> items = new ArrayList<>(Math.min(limit, 1024));
      int last = afterNumber;
      for (int i = Math.max(afterNumber, 0); i < rows.size(); i++) {
        E row = rows.get(i);
        if (row.updatedAt >= sinceMillis) {
          if (items.size() == limit) {
            return new Scan(items, last, true);
          }
          items.add(row.summary(collection));
          last = row.number;
        }
      }
      return new Scan(items, last, false);
    } finally {
      lock.readLock().unlock();
    }
  }

  private E find(String key) {
    int number = collection.number(key);
    if (number < 1 || number > rows.size()) {
      throw ApiException.notFound("no " + collection.path() + " record with key '" + key + "'");
    }
    return rows.get(number - 1);
  }

  /** The smallest epoch millisecond that is not before {@code instant}. */
  static long ceilMillis(Instant instant) {
    long millis = instant.toEpochMilli();
    return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }
}
