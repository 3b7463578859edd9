package dev.ollamastack.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.app.host.HostProbe.PortUse;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.Plan;
import dev.ollamastack.testsupport.FakeHost;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ports a plan is about to publish are asked of the host at once (its socket tables read once
 * per plan, not once per port), and each one held by a process names its container and holder.
 */
class PortPreCheckTest {
  private static final EngineInfo LOCAL =
      new EngineInfo(
          "unix:///var/run/docker.sock",
          null,
          "20.10",
          "1.41",
          "linux",
          "overlay2",
          "/var/lib/docker",
          2,
          8L << 30,
          List.of("runc"),
          "x86_64",
          "cgroupfs");

  @Test
  void everyPublishedPortIsAskedInOneCallAndEachHolderIsNamed() {
    FakeHost fake =
        new FakeHost()
            .port(8080, new PortUse(true, "python3", 4242))
            .port(8000, PortUse.byUnknown());
    List<Set<Integer>> batches = new ArrayList<>();
    List<Integer> single = new ArrayList<>();
    HostProbe host = recording(fake, batches, single);
    Plan plan =
        plan(
            container("s-ollama", Component.OLLAMA, 11434),
            container("s-webui", Component.WEBUI, 8080),
            container("s-mcp-proxy", Component.MCP_PROXY, 8000));

    List<String> blockers = PortPreCheck.blockers(plan, ObservedState.empty(), LOCAL, host);

    assertThat(batches).containsExactly(Set.of(11434, 8080, 8000));
    assertThat(single).as("no port asked on its own").isEmpty();
    assertThat(blockers)
        .containsExactly(
            "s-webui cannot start: host port 8080 is held by process python3 (pid 4242)",
            "s-mcp-proxy cannot start: host port 8000 is held by another process");
  }

  @Test
  void aPlanThatStartsNothingAsksTheHostNothing() {
    List<Set<Integer>> batches = new ArrayList<>();
    List<Integer> single = new ArrayList<>();
    HostProbe host = recording(new FakeHost(), batches, single);
    Plan empty = new Plan("s", List.of(), List.of(), List.of(), Map.of());

    assertThat(PortPreCheck.blockers(empty, ObservedState.empty(), LOCAL, host)).isEmpty();
    assertThat(batches).isEmpty();
    assertThat(single).isEmpty();
  }

  /** {@code fake}, with each {@code portUses} and {@code portUse} call written down. */
  private static HostProbe recording(
      FakeHost fake, List<Set<Integer>> batches, List<Integer> single) {
    return (HostProbe)
        Proxy.newProxyInstance(
            HostProbe.class.getClassLoader(),
            new Class<?>[] {HostProbe.class},
            (proxy, method, args) -> {
              if (method.getName().equals("portUses")) {
                @SuppressWarnings("unchecked")
                Set<Integer> ports = (Set<Integer>) args[0];
                batches.add(Set.copyOf(ports));
                return fake.portUses(ports);
              }
              if (method.getName().equals("portUse")) {
                single.add((Integer) args[0]);
              }
              return method.invoke(fake, args);
            });
  }

  private static ContainerSpec container(String name, Component component, int hostPort) {
    return ContainerSpec.builder(name, component)
        .image("stand-in:" + component.label())
        .port(new PortBinding("127.0.0.1", hostPort, 1000 + hostPort % 1000))
        .build();
  }

  private static Plan plan(ContainerSpec... specs) {
    List<Action> actions = new ArrayList<>();
    for (ContainerSpec s : specs) {
      actions.add(new Action.CreateContainer(s, List.of(), List.of()));
    }
    return new Plan("s", actions, List.of(), List.of(), Map.of());
  }
}
