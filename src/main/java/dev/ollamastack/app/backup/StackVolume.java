package dev.ollamastack.app.backup;

import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedVolume;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A volume of an installation and what a backup or restore needs to know of it.
 *
 * @param role {@code ollama} (model blobs get the content-addressed store), {@code webui}, {@code
 *     extension} or {@code other}
 * @param image a local image to make helper containers from, or {@code null} when there is none
 * @param user the desired container that mounts it, or {@code null}
 */
public record StackVolume(String name, String role, String image, ContainerSpec user) {
  static final String OLLAMA_DATA = "/root/.ollama";
  static final String WEBUI_DATA = "/app/backend/data";

  /**
   * Every volume of the installation that exists: by our label, or adopted by name (created by the
   * older CLI). Not a fixed list, so extension volumes are included.
   */
  static List<StackVolume> existing(PlannedStack planned) {
    return planned.observed().volumes().stream()
        .map(ObservedVolume::name)
        .sorted()
        .map(v -> of(planned, v))
        .toList();
  }

  static StackVolume of(PlannedStack planned, String volume) {
    ContainerSpec user =
        planned.desired().containers().stream()
            .filter(c -> c.mounts().stream().anyMatch(m -> isVolume(m, volume)))
            .findFirst()
            .orElse(null);
    return new StackVolume(volume, role(user, volume), image(planned, user), user);
  }

  private static boolean isVolume(Mount m, String volume) {
    return m.kind() == Mount.Kind.VOLUME && m.source().equals(volume);
  }

  private static String role(ContainerSpec user, String volume) {
    if (user == null) {
      return "other";
    }
    String target =
        user.mounts().stream().filter(m -> isVolume(m, volume)).findFirst().orElseThrow().target();
    if (user.component() == Component.OLLAMA && target.equals(OLLAMA_DATA)) {
      return "ollama";
    }
    if (user.component() == Component.WEBUI && target.equals(WEBUI_DATA)) {
      return "webui";
    }
    return user.component() == Component.EXTENSION ? "extension" : "other";
  }

  /** The user's own image when local, else any image of the stack that is. */
  static String image(PlannedStack planned, ContainerSpec user) {
    var local = planned.observed().localImages();
    if (user != null && local.contains(user.image())) {
      return user.image();
    }
    Optional<String> desired =
        planned.desired().containers().stream()
            .map(ContainerSpec::image)
            .filter(local::contains)
            .findFirst();
    return desired.orElseGet(
        () ->
            planned.observed().containers().stream()
                .sorted(Comparator.comparing(ObservedContainer::name))
                .map(ObservedContainer::imageId)
                .filter(i -> i != null && !i.isBlank())
                .findFirst()
                .orElse(null));
  }
}
