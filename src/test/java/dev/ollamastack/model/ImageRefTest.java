package dev.ollamastack.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** References as Docker reads them, and repo digests matched to them. */
class ImageRefTest {
  static final String D = "sha256:" + "ab".repeat(32);

  @Test
  void partsOfAReference() {
    ImageRef r = ImageRef.parse("127.0.0.1:5000/ollama/ollama:latest");
    assertThat(r.name()).isEqualTo("127.0.0.1:5000/ollama/ollama");
    assertThat(r.tag()).isEqualTo("latest");
    assertThat(r.registry()).isEqualTo("127.0.0.1:5000");
    assertThat(ImageRef.parse("localhost/x").registry()).isEqualTo("localhost");
    assertThat(ImageRef.parse("ollama/ollama").tag()).isNull();
    assertThat(ImageRef.parse("ollama/ollama").withDefaultTag()).isEqualTo("ollama/ollama:latest");
    ImageRef pinned = ImageRef.parse("ghcr.io/open-webui/open-webui:main@" + D);
    assertThat(pinned.tag()).isEqualTo("main");
    assertThat(pinned.digest()).isEqualTo(D);
    assertThat(pinned.registry()).isEqualTo("ghcr.io");
  }

  @Test
  void dockerHubSpellingsNameTheSameRepository() {
    for (String spelling :
        List.of("busybox", "library/busybox", "docker.io/busybox", "docker.io/library/busybox")) {
      assertThat(ImageRef.parse(spelling + ":1").repository())
          .as(spelling)
          .isEqualTo("docker.io/library/busybox");
    }
    assertThat(ImageRef.parse("ollama/ollama:latest").sameRepository("ollama/ollama@" + D))
        .isTrue();
    assertThat(ImageRef.parse("docker.io/ollama/ollama").sameRepository("ollama/ollama@" + D))
        .isTrue();
    assertThat(ImageRef.parse("ollama/ollama").sameRepository("other/ollama@" + D)).isFalse();
  }

  @Test
  void pinningDropsTheTag() {
    assertThat(ImageRef.parse("ollama/ollama:latest").pinned(D)).isEqualTo("ollama/ollama@" + D);
    assertThat(ImageRef.shortDigest(D)).isEqualTo("sha256:abababababab…");
    assertThat(ImageRef.shortDigest(null)).isEqualTo("(none)");
  }

  @Test
  void anImagesDigestInTheRepositoryOfAReference() {
    ObservedImage image =
        new ObservedImage(
            "sha256:id", List.of("mine:keep"), List.of("ollama/ollama@" + D, "mirror/ollama@" + D));
    assertThat(image.digestFor(ImageRef.parse("ollama/ollama:latest"))).contains(D);
    assertThat(image.digestFor(ImageRef.parse("elsewhere/ollama:latest"))).isEmpty();
    assertThat(image.hasDigest(ImageRef.parse("docker.io/ollama/ollama:0.9"), D)).isTrue();
  }
}
