package dev.ollamastack.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.Plan;
import java.util.List;

/** Plan assertions that read as specifications. */
public final class PlanAssert {
  private final Plan plan;

  private PlanAssert(Plan plan) {
    this.plan = plan;
  }

  public static PlanAssert assertThatPlan(Plan plan) {
    return new PlanAssert(plan);
  }

  /** An action's dependencies as the plan format writes them ({@code container:name}). */
  public static List<String> deps(Action a) {
    return a.dependsOn().stream().map(k -> k.toString()).toList();
  }

  public PlanAssert isEmpty() {
    assertThat(plan.actions()).as("actions of %s", plan.actions()).isEmpty();
    return this;
  }

  public PlanAssert hasKeys(String... keys) {
    assertThat(plan.actions().stream().map(a -> a.key().toString()).toList()).containsExactly(keys);
    return this;
  }

  public Recreate recreates(String containerName) {
    Action a = find("container:" + containerName);
    assertThat(a).as("action on %s", containerName).isInstanceOf(Action.RecreateContainer.class);
    return new Recreate((Action.RecreateContainer) a);
  }

  public PlanAssert creates(String key) {
    Action a = find(key);
    assertThat(a)
        .isInstanceOfAny(
            Action.CreateContainer.class,
            Action.CreateNetwork.class,
            Action.CreateVolume.class,
            Action.PullModel.class);
    return this;
  }

  public PlanAssert starts(String containerName) {
    assertThat(find("container:" + containerName)).isInstanceOf(Action.StartContainer.class);
    return this;
  }

  public PlanAssert removes(String key) {
    assertThat(find(key))
        .isInstanceOfAny(
            Action.RemoveContainer.class, Action.RemoveNetwork.class, Action.DeleteModel.class);
    return this;
  }

  public PlanAssert doesNotTouch(String key) {
    assertThat(plan.actions().stream().map(a -> a.key().toString())).doesNotContain(key);
    return this;
  }

  private Action find(String key) {
    return plan.actions().stream()
        .filter(a -> a.key().toString().equals(key))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no action for "
                        + key
                        + " in "
                        + plan.actions().stream().map(a -> a.key().toString()).toList()));
  }

  /** Assertions on one recreate. */
  public static final class Recreate {
    private final Action.RecreateContainer action;

    Recreate(Action.RecreateContainer action) {
      this.action = action;
    }

    public Recreate because(String... reasons) {
      assertThat(action.reasons()).containsExactly(reasons);
      return this;
    }

    public List<String> reasons() {
      return action.reasons();
    }
  }
}
