package dev.ollamastack.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineUnavailableException;
import dev.ollamastack.testsupport.FakeDockerEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EarlyEngineTest {
  @Test
  void theFirstConnectionStartsAtOnceAndIsHandedOverOnce() throws Exception {
    List<DockerEngine> made = new ArrayList<>();
    CountDownLatch connected = new CountDownLatch(1);
    EarlyEngine engines =
        EarlyEngine.start(
            () -> {
              DockerEngine e = new FakeDockerEngine();
              synchronized (made) {
                made.add(e);
              }
              connected.countDown();
              return e;
            });
    connected.await(); // connected before anyone asked
    DockerEngine first = engines.connect();
    assertThat(made).containsExactly(first);
    DockerEngine second = engines.connect();
    assertThat(second).isNotSameAs(first);
    assertThat(made).containsExactly(first, second);
  }

  @Test
  void aFailedEarlyConnectionFailsTheFirstConnectAsItWouldHave() {
    EarlyEngine engines =
        EarlyEngine.start(
            () -> {
              throw new EngineUnavailableException("unix:///nowhere.sock", null, null);
            });
    assertThatThrownBy(engines::connect)
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageContaining("unix:///nowhere.sock");
  }
}
