package dev.ollamastack.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.testsupport.FakeHost;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CdiSpecsTest {
  @Test
  void aSpecNamedForNvidiaCountsWhateverItHolds() {
    FakeHost host = new FakeHost().file("/var/run/cdi/NVIDIA-gpus.json", "{}");
    assertThat(CdiSpecs.nvidia(host)).contains(Path.of("/var/run/cdi/NVIDIA-gpus.json"));
  }

  @Test
  void aSpecOfAnyNameCountsWhenItNamesAnNvidiaDeviceKind() {
    FakeHost host =
        new FakeHost().file("/etc/cdi/gpus.yml", "cdiVersion: 0.5.0\nkind: nvidia.com/gpu\n");
    assertThat(CdiSpecs.nvidia(host)).contains(Path.of("/etc/cdi/gpus.yml"));
  }

  @Test
  void aSpecOfAnotherVendorDoesNotCount() {
    FakeHost host = new FakeHost().file("/etc/cdi/intel.yaml", "kind: intel.com/gpu");
    assertThat(CdiSpecs.nvidia(host)).isEmpty();
  }

  @Test
  void onlyYamlYmlAndJsonFilesAreSpecs() {
    FakeHost host =
        new FakeHost()
            .file("/etc/cdi/nvidia.yaml.bak", "kind: nvidia.com/gpu")
            .file("/etc/cdi/nvidia.txt", "kind: nvidia.com/gpu")
            .dir("/etc/cdi/nvidia.d");
    assertThat(CdiSpecs.nvidia(host)).isEmpty();
  }

  @Test
  void anUnreadableSpecCountsByItsNameOnly() {
    assertThat(CdiSpecs.nvidia(new FakeHost().unreadable("/etc/cdi/gpus.yaml"))).isEmpty();
    assertThat(CdiSpecs.nvidia(new FakeHost().unreadable("/etc/cdi/nvidia.yaml")))
        .contains(Path.of("/etc/cdi/nvidia.yaml"));
  }

  @Test
  void onlyTheCdiDirectoriesAreLookedIn() {
    FakeHost host = new FakeHost().file("/opt/cdi/nvidia.yaml", "kind: nvidia.com/gpu");
    assertThat(CdiSpecs.nvidia(host)).isEmpty();
  }

  @Test
  void etcComesBeforeVarRun() {
    FakeHost host =
        new FakeHost()
            .file("/var/run/cdi/nvidia.yaml", "kind: nvidia.com/gpu")
            .file("/etc/cdi/nvidia.json", "{}");
    assertThat(CdiSpecs.nvidia(host)).contains(Path.of("/etc/cdi/nvidia.json"));
  }
}
