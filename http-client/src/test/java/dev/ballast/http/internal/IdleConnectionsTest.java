package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.Ticker;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleConnectionsTest {
  private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

  // The pool's loop: its timers run when the test advances its frozen time.
  private final EmbeddedChannel loop = new EmbeddedChannel();
  private final AtomicLong now = new AtomicLong();
  private final Ticker ticker = now::get;
  private final IdleConnections idle;

  IdleConnectionsTest() {
    loop.freezeTime();
    idle = new IdleConnections(loop.eventLoop(), ticker, TIMEOUT);
  }

  @AfterEach
  void closeLoop() {
    loop.finishAndReleaseAll();
  }

  private static PooledConnection connection() {
    return new PooledConnection(new EmbeddedChannel(), new ResponseHandler());
  }

  private void advanceSeconds(long s) {
    now.addAndGet(TimeUnit.SECONDS.toNanos(s));
    loop.advanceTimeBy(s, TimeUnit.SECONDS);
    loop.runScheduledPendingTasks();
  }

  @Test
  void reusesTheYoungestAndRetiresTheOldestFirst() {
    PooledConnection a = connection();
    PooledConnection b = connection();
    idle.add(a);
    advanceSeconds(1);
    idle.add(b);
    assertThat(idle.youngest()).isSameAs(b);
    assertThat(b.idleSinceNanos - a.idleSinceNanos).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    idle.removeYoungest();
    assertThat(idle.youngest()).isSameAs(a);
    assertThat(idle.pollOldest()).isSameAs(a);
    assertThat(idle.youngest()).isNull();
    assertThat(idle.pollOldest()).isNull();
  }

  @Test
  void closesEachConnectionOnceItHasBeenIdleForTheTimeout() {
    PooledConnection a = connection();
    PooledConnection b = connection();
    idle.add(a);
    advanceSeconds(4);
    idle.add(b);
    advanceSeconds(6);
    assertThat(a.channel.isOpen()).as("idle 10 s").isFalse();
    assertThat(b.channel.isOpen()).as("idle 6 s").isTrue();
    assertThat(idle.youngest()).isSameAs(b);
    advanceSeconds(3);
    assertThat(b.channel.isOpen()).as("idle 9 s").isTrue();
    advanceSeconds(1);
    assertThat(b.channel.isOpen()).as("idle 10 s").isFalse();
    assertThat(idle.youngest()).isNull();
  }

  @Test
  void retiresEveryConnectionIdleSinceAStaleOneWent() {
    PooledConnection a = connection();
    PooledConnection b = connection();
    PooledConnection c = connection();
    idle.add(a);
    advanceSeconds(1);
    idle.add(b);
    advanceSeconds(1);
    idle.add(c);
    idle.retireIdleSince(b.idleSinceNanos);
    assertThat(a.channel.isOpen()).isFalse();
    assertThat(b.channel.isOpen()).isFalse();
    assertThat(c.channel.isOpen()).isTrue();
    assertThat(idle.pollOldest()).isSameAs(c);
  }

  @Test
  void closeClosesEveryIdleConnectionAndStopsSweeping() {
    PooledConnection a = connection();
    idle.add(a);
    assertThat(loop.runScheduledPendingTasks()).as("a sweep is due").isPositive();
    idle.close();
    assertThat(a.channel.isOpen()).isFalse();
    assertThat(idle.youngest()).isNull();
    assertThat(loop.runScheduledPendingTasks()).as("no sweep left").isEqualTo(-1);
  }
}
