package dev.microworks.sync.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads the next pages from the SoR while the current one is written: a reader thread fills a queue
 * of at most {@code depth} pages, the calling thread (which holds the database transaction) applies
 * them in order. Memory stays bounded by {@code depth + 2} pages. A failure on either side ends
 * both and is rethrown on the calling thread.
 */
final class ReadAhead {

  private static final Object END = new Object();

  private record Failure(RuntimeException exception) {}

  private ReadAhead() {}

  static <P> void run(Consumer<Consumer<P>> read, Consumer<P> apply, int depth, String name) {
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(depth);
    Thread reader =
        new Thread(
            () -> {
              try {
                read.accept(page -> put(queue, page));
                put(queue, END);
              } catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted()) {
                  put(queue, new Failure(e));
                }
              }
            },
            name);
    reader.setDaemon(true);
    reader.start();
    boolean finished = false;
    try {
      while (true) {
        Object next = queue.take();
        if (next == END) {
          finished = true;
          return;
        }
        if (next instanceof Failure failure) {
          finished = true;
          throw failure.exception();
        }
        @SuppressWarnings("unchecked")
        P page = (P) next;
        apply.accept(page);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while syncing", e);
    } finally {
      if (!finished) {
        reader.interrupt();
        queue.clear();
      }
      join(reader);
    }
  }

  private static void put(BlockingQueue<Object> queue, Object item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("read-ahead cancelled", e);
    }
  }

  private static void join(Thread reader) {
    try {
      reader.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
