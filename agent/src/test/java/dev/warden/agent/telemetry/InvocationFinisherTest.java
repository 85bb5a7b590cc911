package dev.warden.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InvocationFinisherTest {
  @Test
  void awaitingReturnsOnceEverythingHandedOverIsFinishedAndNoLaterThanItsBound() throws Exception {
    List<String> marked = new CopyOnWriteArrayList<>();
    InvocationFinisher finisher =
        new InvocationFinisher(() -> marked.add(Thread.currentThread().getName()));
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch releaseSecond = new CountDownLatch(1);
    List<String> finished = new CopyOnWriteArrayList<>();
    finisher.handOver(finishOnceReleased(releaseFirst, finished, "first"));
    finisher.handOver(finishOnceReleased(releaseSecond, finished, "second"));

    assertFalse(
        finisher.awaitFinished(TimeUnit.MILLISECONDS.toNanos(50)),
        "the first invocation is still being finished");
    releaseFirst.countDown();
    assertFalse(
        finisher.awaitFinished(TimeUnit.MILLISECONDS.toNanos(200)),
        "the second invocation is still being finished");
    releaseSecond.countDown();
    assertTrue(finisher.awaitFinished(TimeUnit.SECONDS.toNanos(10)));
    assertEquals(List.of("first", "second"), finished, "in the order handed over");
    assertEquals(List.of("warden-finish"), marked, "its thread is marked as the agent's own");
  }

  @Test
  void backgroundWorkIsWaitedForOnlyWhenWorkToWaitForQueuesBehindIt() {
    InvocationFinisher finisher = new InvocationFinisher(() -> {});
    CountDownLatch release = new CountDownLatch(1);
    List<String> finished = new CopyOnWriteArrayList<>();
    finisher.handOverInBackground(finishOnceReleased(release, finished, "batch"));

    assertTrue(
        finisher.awaitFinished(TimeUnit.MILLISECONDS.toNanos(50)),
        "nothing to wait for: the batch finishes in the background");
    assertFalse(finisher.awaitAllFinished(TimeUnit.MILLISECONDS.toNanos(50)));
    finisher.handOver(() -> finished.add("alert"));
    assertFalse(
        finisher.awaitFinished(TimeUnit.MILLISECONDS.toNanos(50)),
        "the alert's invocation waits behind the batch");
    release.countDown();
    assertTrue(finisher.awaitFinished(TimeUnit.SECONDS.toNanos(10)));
    assertEquals(List.of("batch", "alert"), finished);
  }

  @Test
  void aFailingFinishDoesNotStopTheOnesAfterIt() {
    InvocationFinisher finisher = new InvocationFinisher(() -> {});
    List<String> finished = new CopyOnWriteArrayList<>();
    finisher.handOver(
        () -> {
          throw new IllegalStateException("telemetry broke");
        });
    finisher.handOver(() -> finished.add("next"));
    assertTrue(finisher.awaitFinished(TimeUnit.SECONDS.toNanos(10)));
    assertEquals(List.of("next"), finished);
  }

  private static Runnable finishOnceReleased(
      CountDownLatch release, List<String> finished, String name) {
    return () -> {
      awaitQuietly(release);
      finished.add(name);
    };
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
