package dev.ballast.lb.internal;

import static dev.ballast.lb.internal.PolicyFixtures.FEEDBACK;
import static dev.ballast.lb.internal.PolicyFixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSet;
import dev.ballast.lb.LbConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipTest {
  private final List<String> log = new ArrayList<>();
  private final Membership membership =
      new Membership(
          LbConfig.builder().localZone("a").build(),
          FEEDBACK,
          new Membership.Listener() {
            @Override
            public void onAdded(Member m, boolean initial, long now) {
              log.add("+" + m.endpoint().id() + (initial ? " initial" : "") + " @" + now);
            }

            @Override
            public void onRemoved(Member m) {
              log.add("-" + m.endpoint().id());
            }
          });

  private boolean apply(long version, long now, Endpoint... endpoints) {
    EndpointSet set = new EndpointSet(version, List.of(endpoints));
    return membership.isNewer(set) && membership.apply(set, now);
  }

  @Test
  void tellsWhoJoinedWithTheFirstSetWhoJoinedLaterAndWhoLeft() {
    assertThat(apply(1, 10, endpoint("a1", "a"), endpoint("b1", "b"))).isTrue();
    assertThat(apply(2, 20, endpoint("a1", "a"), endpoint("a2", "a"))).isTrue();

    assertThat(log).containsExactly("+a1 initial @10", "+b1 initial @10", "+a2 @20", "-b1");
    assertThat(membership.size()).isEqualTo(2);
    assertThat(membership.get("b1")).isNull();
  }

  @Test
  void ignoresStaleSets() {
    apply(5, 0, endpoint("a1", "a"));
    assertThat(membership.isNewer(new EndpointSet(5, List.of()))).isFalse();
    assertThat(membership.isNewer(new EndpointSet(4, List.of()))).isFalse();
    assertThat(membership.isNewer(new EndpointSet(6, List.of()))).isTrue();
  }

  @Test
  void keepsAnEndpointsStatisticsAcrossSetsAndSaysWhetherAnythingChanged() {
    apply(1, 0, endpoint("a1", "a"));
    Member before = membership.get("a1");
    assertThat(before).isNotNull();
    before.stats.acquire();

    assertThat(apply(2, 0, endpoint("a1", "a"))).as("the same set again").isFalse();
    Endpoint heavier = endpoint("a1", "a").withWeight(5);
    assertThat(apply(3, 0, heavier)).as("a new weight for the same id").isTrue();

    Member after = membership.get("a1");
    assertThat(after).isSameAs(before);
    assertThat(after.stats.inFlight()).isOne();
    assertThat(after.endpoint().weight()).isEqualTo(5);
    assertThat(after.stats.isLocal()).isTrue();
  }

  @Test
  void publishesTheMembersOnlyWhenAsked() {
    apply(1, 0, endpoint("a1", "a"));
    assertThat(membership.published()).isEmpty();
    membership.publish();
    assertThat(membership.published()).extracting(m -> m.endpoint().id()).containsExactly("a1");
  }

  @Test
  void countsUsableAndEjectedMembersAndKnowsWhichAreCurrent() {
    apply(1, 0, endpoint("a1", "a"), endpoint("a2", "a"), endpoint("a3", "a"));
    Member a1 = membership.get("a1");
    Member a2 = membership.get("a2");
    a1.ejected = true;
    a2.healthy = false;

    assertThat(membership.usableCount()).isOne();
    assertThat(membership.ejectedCount()).isOne();
    assertThat(membership.isCurrent(a1)).isTrue();
    apply(2, 0, endpoint("a2", "a"));
    assertThat(membership.isCurrent(a1)).as("removed").isFalse();
  }
}
