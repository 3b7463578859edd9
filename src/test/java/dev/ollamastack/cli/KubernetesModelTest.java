package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kubernetes render read by fabric8's Kubernetes model, strictly: a field the model does not
 * know fails (the model keeps unknown fields in {@code additionalProperties}; every one must be
 * empty), so a typo or a field at the wrong level cannot pass as a manifest.
 */
class KubernetesModelTest {
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "Secret", Secret.class,
          "ConfigMap", ConfigMap.class,
          "Service", Service.class,
          "PersistentVolumeClaim", PersistentVolumeClaim.class,
          "StatefulSet", StatefulSet.class,
          "Deployment", Deployment.class);
  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @TempDir Path cwd;
  @TempDir Path home;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(RenderGoldenTest.ROOT)) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyManifestParsesStrictly(String name) throws IOException {
    String yaml =
        RenderGoldenTest.render(
            cwd, home, RenderGoldenTest.ROOT.resolve(name), "--format", "kubernetes");

    List<HasMetadata> objects = parse(yaml);

    assertThat(objects).extracting(HasMetadata::getKind).contains("StatefulSet", "Secret");
    for (HasMetadata o : objects) {
      assertThat(o.getMetadata().getLabels())
          .containsEntry("ollama-stack.installation", installationOf(objects));
    }
  }

  @Test
  void theDefaultStackIsAStatefulOllamaWithAClaimDeploymentsAndServices() throws IOException {
    List<HasMetadata> objects =
        parse(
            RenderGoldenTest.render(
                cwd, home, RenderGoldenTest.ROOT.resolve("default"), "--format", "kubernetes"));

    StatefulSet ollama = find(objects, StatefulSet.class, "demo-ollama");
    assertThat(ollama.getSpec().getVolumeClaimTemplates())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly("demo-ollama-data");
    assertThat(ollama.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(
            "ollama/ollama@sha256:1111111111111111111111111111111111111111111111111111111111111111");
    assertThat(ollama.getMetadata().getAnnotations()).containsKey("ollama-stack.config-hash");
    Deployment webui = find(objects, Deployment.class, "demo-webui");
    var env = webui.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    assertThat(env)
        .filteredOn(e -> e.getName().equals("WEBUI_SECRET_KEY"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("demo-secrets"));
    find(objects, Deployment.class, "demo-mcp-proxy");
    assertThat(find(objects, Service.class, "demo-webui").getSpec().getPorts().get(0).getPort())
        .isEqualTo(8080);
    Secret secret = find(objects, Secret.class, "demo-secrets");
    assertThat(secret.getStringData()).containsEntry("WEBUI_SECRET_KEY", "(sensitive)");
  }

  @Test
  void includeSecretsPutsTheValuesInTheSecretOnly() throws IOException {
    List<HasMetadata> objects =
        parse(
            RenderGoldenTest.render(
                cwd,
                home,
                RenderGoldenTest.ROOT.resolve("default"),
                "--format",
                "kubernetes",
                "--include-secrets"));

    Secret secret = find(objects, Secret.class, "demo-secrets");
    assertThat(secret.getStringData())
        .containsEntry("WEBUI_SECRET_KEY", RenderGoldenTest.WEBUI_SECRET)
        .containsEntry("MCPO_API_KEY", RenderGoldenTest.MCPO_KEY);
  }

  @Test
  void nvidiaAsksForItsGpuCount() throws IOException {
    List<HasMetadata> objects =
        parse(
            RenderGoldenTest.render(
                cwd, home, RenderGoldenTest.ROOT.resolve("nvidia"), "--format", "kubernetes"));

    StatefulSet ollama = find(objects, StatefulSet.class, "gpu-ollama");
    var limits =
        ollama.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits();
    assertThat(limits.get("nvidia.com/gpu").toString()).isEqualTo("2");
    assertThat(find(objects, Service.class, "gpu-webui").getSpec().getType())
        .isEqualTo("LoadBalancer");
  }

  @Test
  void aFieldTheModelDoesNotKnowFailsTheCheck() {
    String typo =
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  portz:\n    - port: 1\n";
    String misplaced =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n"
            + "    spec:\n      containers:\n        - name: x\n          gpus: 1\n";

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(typo))
        .hasMessageContaining("portz");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(misplaced))
        .hasMessageContaining("gpus");
  }

  private static String installationOf(List<HasMetadata> objects) {
    return objects.get(0).getMetadata().getLabels().get("ollama-stack.installation");
  }

  private static <T extends HasMetadata> T find(
      List<HasMetadata> objects, Class<T> type, String name) {
    return objects.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  static List<HasMetadata> parse(String yaml) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    ObjectMapper reader = new ObjectMapper(new YAMLFactory());
    try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
      for (JsonNode doc : reader.readValues(parser, JsonNode.class).readAll()) {
        String kind = doc.path("kind").asText();
        assertThat(KINDS).as("kind %s", kind).containsKey(kind);
        HasMetadata o = STRICT.treeToValue(doc, KINDS.get(kind));
        assertNoUnknownFields(
            o, kind, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        objects.add(o);
      }
    }
    return objects;
  }

  /** fabric8 keeps what it does not know in additionalProperties: nothing may land there. */
  private static void assertNoUnknownFields(Object o, String path, Set<Object> seen) {
    if (o == null || !seen.add(o)) {
      return;
    }
    if (o instanceof Collection<?> c) {
      c.forEach(e -> assertNoUnknownFields(e, path + "[]", seen));
      return;
    }
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> assertNoUnknownFields(v, path + "." + k, seen));
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : o.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(o);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        assertThat((Map<?, ?>) value).as("unknown fields at %s", path).isNullOrEmpty();
      } else {
        assertNoUnknownFields(value, path + "." + getter.getName().substring(3), seen);
      }
    }
  }
}
