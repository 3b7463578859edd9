package dev.ollamastack.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedImage;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.testsupport.Stacks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an apply pins: what runs, never what a tag points at; given pins stay. */
class PinningTest {
  static final String RUNS = "sha256:" + "1".repeat(64);
  static final String TAG_NOW = "sha256:" + "2".repeat(64);

  final DesiredState desired = Stacks.render(Stacks.cpu());

  /** Every container runs an image pulled as {@code repo@digest}. */
  ObservedState running(String digest, boolean withRegistryDigest) {
    List<ObservedContainer> containers = new ArrayList<>();
    Map<String, ObservedImage> images = new HashMap<>();
    desired
        .containers()
        .forEach(
            c -> {
              String id = "sha256:id-" + c.name();
              List<String> digests =
                  withRegistryDigest
                      ? List.of(dev.ollamastack.model.ImageRef.parse(c.image()).pinned(digest))
                      : List.of();
              images.put(id, new ObservedImage(id, List.of(), digests));
              containers.add(
                  new ObservedContainer(
                      "c-" + c.name(),
                      c.name(),
                      c.image(),
                      id,
                      ContainerState.RUNNING,
                      null,
                      null,
                      c.labels(),
                      List.of(),
                      null,
                      0));
            });
    return new ObservedState(
        containers,
        List.of(),
        List.of(),
        Set.of(),
        List.of(),
        List.of(new ObservedModel("llama3.2:1b", 1, "m1")),
        images);
  }

  @Test
  void theFirstLockPinsTheDigestsTheContainersRun() {
    StackLock lock = Pinning.after(StackLock.EMPTY, desired, running(RUNS, true));
    assertThat(lock.images()).hasSize(desired.imageReferences().size());
    assertThat(lock.images().values()).containsOnly(RUNS);
  }

  @Test
  void aPinIsKeptEvenWhenSomethingElseRunsOnlyUpdateMovesIt() {
    Map<String, String> pins = new HashMap<>();
    desired.imageReferences().forEach(r -> pins.put(r, TAG_NOW));
    StackLock given = new StackLock("x", pins, Map.of());
    assertThat(Pinning.after(given, desired, running(RUNS, true)).images().values())
        .containsOnly(TAG_NOW);
  }

  @Test
  void anImageWithoutARegistryDigestIsNotPinned() {
    assertThat(Pinning.after(StackLock.EMPTY, desired, running(RUNS, false)).images()).isEmpty();
  }

  @Test
  void entriesTheStackNoLongerNamesAreDropped() {
    StackLock old =
        new StackLock("x", Map.of("gone/image:1", RUNS), Map.of("removed-model:1b", "m0"));
    StackLock next = Pinning.after(old, desired, running(RUNS, true));
    assertThat(next.images()).doesNotContainKey("gone/image:1");
    assertThat(next.models()).isEmpty();
  }
}
