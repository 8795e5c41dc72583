package dev.microworks.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAheadTests {

  @Test
  void everyPageIsAppliedOnceInOrderOnTheCallingThread() {
    List<Integer> applied = new ArrayList<>();
    Thread caller = Thread.currentThread();

    ReadAhead.<Integer>run(
        pages -> {
          for (int i = 0; i < 500; i++) {
            pages.accept(i);
          }
        },
        page -> {
          assertThat(Thread.currentThread()).isSameAs(caller);
          applied.add(page);
        },
        2,
        "test");

    assertThat(applied).hasSize(500).isSorted();
  }

  @Test
  void aReadFailureReachesTheCallerAfterThePagesBeforeIt() {
    List<Integer> applied = new ArrayList<>();

    assertThatThrownBy(
            () ->
                ReadAhead.<Integer>run(
                    pages -> {
                      pages.accept(1);
                      pages.accept(2);
                      throw new IllegalStateException("malformed JSON in page 3");
                    },
                    applied::add,
                    2,
                    "test"))
        .hasMessage("malformed JSON in page 3");
    assertThat(applied).containsExactly(1, 2);
  }

  @Test
  void aWriteFailureStopsTheReader() {
    AtomicInteger read = new AtomicInteger();

    assertThatThrownBy(
            () ->
                ReadAhead.<Integer>run(
                    pages -> {
                      for (int i = 0; i < 1_000_000; i++) {
                        read.incrementAndGet();
                        pages.accept(i);
                      }
                    },
                    page -> {
                      if (page == 10) {
                        throw new IllegalArgumentException("database down");
                      }
                    },
                    2,
                    "test"))
        .hasMessage("database down");
    assertThat(read.get()).as("pages read before the reader stopped").isLessThan(20);
  }
}
