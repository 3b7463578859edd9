package dev.ollamastack.app.check;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** A machine described by hand: commands on PATH, files, free space, port holders. */
public final class FakeHost implements HostProbe {
  public final Set<String> commands = new HashSet<>();
  public final Set<Path> files = new HashSet<>();
  public final Map<Path, List<String>> dirs = new HashMap<>();
  public final Map<Path, Set<PosixFilePermission>> modes = new HashMap<>();
  public final Map<Integer, PortUse> ports = new HashMap<>();
  public final Map<String, String> ollamas = new HashMap<>();
  public Long freeBytes = 500_000_000_000L;

  public FakeHost file(Path p, String mode) {
    files.add(p);
    modes.put(p, PosixFilePermissions.fromString(mode));
    return this;
  }

  @Override
  public boolean onPath(String command) {
    return commands.contains(command);
  }

  @Override
  public boolean exists(Path path) {
    return files.contains(path);
  }

  @Override
  public List<String> list(Path dir) {
    return dirs.getOrDefault(dir, List.of());
  }

  @Override
  public OptionalLong usableSpace(Path path) {
    return freeBytes == null ? OptionalLong.empty() : OptionalLong.of(freeBytes);
  }

  @Override
  public Optional<Set<PosixFilePermission>> permissions(Path file) {
    return Optional.ofNullable(modes.get(file));
  }

  @Override
  public PortUse portUse(int port) {
    return ports.getOrDefault(port, PortUse.FREE);
  }

  @Override
  public Optional<String> ollamaVersion(String url) {
    return Optional.ofNullable(ollamas.get(url));
  }
}
