package dev.ollamastack.extensions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.ExtensionManifest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in catalog: listed from its index, each manifest read when first asked for. */
class ExtensionCatalogTest {
  @Test
  void everyBuiltInManifestInTheIndexReads() {
    ExtensionCatalog catalog = ExtensionCatalog.builtIn();

    assertThat(catalog.names()).contains("time", "fetch", "memory", "filesystem");
    assertThat(catalog.all()).hasSameSizeAs(catalog.names());
    for (String name : catalog.names()) {
      assertThat(catalog.find(name)).get().extracting(ExtensionManifest::name).isEqualTo(name);
    }
    // asked twice, read once: the same manifest
    assertThat(catalog.find("time").orElseThrow()).isSameAs(catalog.find("time").orElseThrow());
    assertThat(catalog.find("no-such")).isEmpty();
  }

  @Test
  void aUsersManifestShadowsTheBuiltInOfItsName() {
    ExtensionManifest time = ExtensionCatalog.builtIn().find("time").orElseThrow();
    ExtensionManifest fetch = ExtensionCatalog.builtIn().find("fetch").orElseThrow();

    ExtensionCatalog withUser = ExtensionCatalog.builtIn().with(Map.of("time", fetch));

    assertThat(withUser.find("time")).containsSame(fetch);
    assertThat(ExtensionCatalog.builtIn().find("time")).containsSame(time);
  }
}
