package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.Platform;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostFactsTest {
  @ParameterizedTest
  @CsvSource({
    "true,  false, Linux,    amd64,   NVIDIA",
    "false, true,  Linux,    amd64,   AMD",
    "true,  true,  Linux,    amd64,   NVIDIA",
    "false, false, Linux,    amd64,   CPU",
    "false, false, Mac OS X, aarch64, APPLE",
    "false, false, Mac OS X, x86_64,  CPU",
    "false, false, Windows 11, amd64, CPU",
  })
  void detectsThePlatformFromWhatTheHostHas(
      boolean nvidiaSmi, boolean kfd, String os, String arch, Platform expected) {
    assertThat(new HostFacts(nvidiaSmi, kfd, os, arch).platform()).isEqualTo(expected);
  }
}
