package dev.warden.agent.telemetry;

import dev.warden.agent.alert.AgentLog;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Finishes invocations after their handler returned, on an agent thread of its own: the runtime's
 * thread only hands them over and goes on to post the response while this thread builds the spans
 * and starts their export. Before the environment may freeze, {@link #awaitFinished} waits for
 * everything handed over so far that must be finished by then; work handed over {@linkplain
 * #handOverInBackground in the background} is waited for only as far as such work queued behind it
 * needs (the work runs in order).
 */
final class InvocationFinisher {
  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final Object lock = new Object();
  private final Runnable markAgentThread;
  private boolean started; // guarded by lock
  private long handedOver; // guarded by lock
  private long finished; // guarded by lock

  /** The count of hand-overs up to the last that {@link #awaitFinished} waits for. */
  private long awaited; // guarded by lock

  /**
   * Its thread, which {@code markAgentThread} marks as the agent's own, is started by {@link
   * #start} or the first hand-over: outside Lambda none is, and premain starts no thread for it.
   */
  InvocationFinisher(Runnable markAgentThread) {
    this.markAgentThread = markAgentThread;
  }

  /** Starts the thread unless it runs already. */
  void start() {
    synchronized (lock) {
      if (started) {
        return;
      }
      started = true;
    }
    Thread thread = new Thread(new FinisherLoop(), "warden-finish");
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands over work that {@link #awaitFinished} waits for. */
  void handOver(Runnable finishing) {
    handOver(finishing, true);
  }

  /** Hands over work that {@link #awaitFinished} does not wait for, unless later work waits. */
  void handOverInBackground(Runnable finishing) {
    handOver(finishing, false);
  }

  private void handOver(Runnable finishing, boolean await) {
    start();
    synchronized (lock) {
      handedOver++;
      if (await) {
        awaited = handedOver;
      }
    }
    queue.add(finishing);
  }

  /**
   * Waits until all handed over so far to be waited for is finished (with all handed over before
   * it), at most {@code timeoutNanos}.
   */
  boolean awaitFinished(long timeoutNanos) {
    return awaitFinished(false, timeoutNanos);
  }

  /** Waits until all handed over so far is finished, at most {@code timeoutNanos}: for tests. */
  boolean awaitAllFinished(long timeoutNanos) {
    return awaitFinished(true, timeoutNanos);
  }

  private boolean awaitFinished(boolean all, long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (lock) {
      long target = all ? handedOver : awaited;
      while (finished < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  private void run() {
    while (true) {
      Runnable finishing;
      try {
        finishing = queue.take();
      } catch (InterruptedException interrupted) {
        return;
      }
      try {
        finishing.run();
      } catch (RuntimeException | LinkageError failed) {
        AgentLog.warn("an invocation's spans could not be finished: " + failed);
      } finally {
        synchronized (lock) {
          finished++;
          lock.notifyAll();
        }
      }
    }
  }

  private final class FinisherLoop implements Runnable {
    @Override
    public void run() {
      markAgentThread.run();
      InvocationFinisher.this.run();
    }
  }
}
