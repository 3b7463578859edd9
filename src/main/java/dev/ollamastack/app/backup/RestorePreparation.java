package dev.ollamastack.app.backup;

import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.backup.BackupVerifier;
import dev.ollamastack.backup.Manifest;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.OlderInstallation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a restore decides against what is on the engine, before it is confirmed: which volumes
 * exist, which containers use them (ours are stopped for the switch; anyone else's makes the
 * restore refuse), which image mounts each volume, what the stack file and secrets replace.
 */
final class RestorePreparation {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  final PlannedStack planned;
  final RestoreTarget target;
  final BackupVerifier.Verified verified;
  final String stagingId;
  final Map<Manifest.Volume, Step> steps = new LinkedHashMap<>();
  final List<ObservedContainer> stop = new ArrayList<>();
  final Set<String> pulls = new LinkedHashSet<>();
  final Path savedAs;
  private final DockerEngine engine;
  private final List<String> warnings = new ArrayList<>();

  /** One volume: where it goes, whether it is there, which image mounts it. */
  record Step(String to, boolean exists, String image) {}

  RestorePreparation(
      DockerEngine engine,
      PlannedStack planned,
      RestoreTarget target,
      BackupVerifier.Verified verified,
      Clock clock) {
    this.engine = engine;
    this.planned = planned;
    this.target = target;
    this.verified = verified;
    this.stagingId =
        STAMP.format(clock.instant()) + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    this.savedAs = savedAs(clock);
    Set<String> existing =
        engine.listVolumes(Map.of()).stream().map(ObservedVolume::name).collect(Collectors.toSet());
    Set<String> stopping = new LinkedHashSet<>();
    target.volumes.forEach(
        (v, to) -> {
          users(to, stopping);
          steps.put(v, new Step(to, existing.contains(to), image(to)));
        });
  }

  RestorePlan plan() {
    List<RestorePlan.VolumeStep> vols = new ArrayList<>();
    steps.forEach(
        (v, s) -> vols.add(new RestorePlan.VolumeStep(v.name(), s.to(), s.exists(), v.bytes())));
    Manifest m = verified.source().manifest();
    List<String> all = new ArrayList<>(target.warnings);
    all.addAll(warnings);
    if (m.platform() != null
        && m.platform().resolved() != null
        && !m.platform().resolved().equals(planned.platform().platform().yamlName())) {
      all.add(
          "the backup was made on platform "
              + m.platform().resolved()
              + ", this host renders "
              + planned.platform().platform().yamlName()
              + " ("
              + planned.platform().reason()
              + ")");
    }
    List<String> models =
        m.models() != null && "list".equals(m.models().mode())
            ? m.models().list().stream().map(Manifest.ModelRef::name).toList()
            : List.of();
    return new RestorePlan(
        verified.source().describe(),
        m,
        verified.source().checksummed(),
        verified.entries(),
        verified.bytes(),
        target.installation,
        vols,
        stop.stream().map(ObservedContainer::name).toList(),
        target.stackFile,
        replacesStackFile(),
        replacesStackFile() ? savedAs : null,
        target.secrets != null,
        secretKeyChanges(),
        List.copyOf(pulls),
        models,
        all);
  }

  boolean replacesStackFile() {
    if (!target.writesStackFile) {
      return false;
    }
    try {
      return Files.exists(target.stackFile)
          && !Arrays.equals(Files.readAllBytes(target.stackFile), target.stackBytes);
    } catch (IOException e) {
      return true;
    }
  }

  private boolean secretKeyChanges() {
    if (target.secrets == null) {
      return false;
    }
    Path current = planned.stateDir().resolve("secrets.env");
    try {
      String now =
          Files.isRegularFile(current) ? SecretsText.webuiKey(Files.readAllBytes(current)) : null;
      return now != null && !now.equals(SecretsText.webuiKey(target.secrets));
    } catch (IOException e) {
      return true;
    }
  }

  private Path savedAs(Clock clock) {
    var existing = target.existingName();
    if (existing.isPresent() && !existing.get().equals(target.installation)) {
      throw ToolException.refused(
          target.stackFile
              + " is the stack file of installation "
              + existing.get()
              + ", not "
              + target.installation,
          "restore with -f OTHER-FILE.yaml to write "
              + target.installation
              + "'s stack file elsewhere, or with --as "
              + existing.get()
              + " to restore onto it");
    }
    return target.stackFile.resolveSibling(
        target.stackFile.getFileName() + ".before-restore-" + STAMP.format(clock.instant()));
  }

  /** Ours are stopped for the switch; any other user of the volume makes the restore refuse. */
  private void users(String volume, Set<String> stopping) {
    for (ObservedContainer c : engine.listContainersUsingVolume(volume)) {
      boolean ours =
          target.installation.equals(c.installation())
              && Labels.MANAGED_BY_VALUE.equals(c.labels().get(Labels.MANAGED_BY));
      if (ours) {
        if (c.running() && stopping.add(c.name())) {
          stop.add(c);
        }
      } else if (!target.installation.equals(c.labels().get(Labels.HELPER))) {
        String hint =
            c.installation() != null && OlderInstallation.madeByOlderCli(c)
                ? "run 'ollama-stack migrate' first: this is a container of the older ollama-stack"
                : "stop and remove it (docker rm -f " + c.name() + "), then restore again";
        throw ToolException.refused(
            "volume "
                + volume
                + " is used by container "
                + c.name()
                + ", which is not "
                + target.installation
                + "'s",
            hint);
      }
    }
  }

  /** A local image to mount {@code volume} with; pulled first when there is none. */
  private String image(String volume) {
    String local = StackVolume.of(planned, volume).image();
    if (local != null) {
      return local;
    }
    ContainerSpec user = StackVolume.of(planned, volume).user();
    String image =
        user != null
            ? user.image()
            : planned.desired().containers().stream()
                .map(ContainerSpec::image)
                .findFirst()
                .orElse(null);
    if (image == null) {
      throw ToolException.invalidInput(
          "the restored stack runs no container, so no image can mount volume " + volume,
          "enable a service in the backup's stack file, or restore with --no-volumes");
    }
    pulls.add(image);
    return image;
  }
}
