package dev.ollamastack.model;

import java.util.List;

/** Which GPUs the ollama container gets on nvidia: {@code all}, a count, or device UUIDs. */
public sealed interface GpuRequest {
  record All() implements GpuRequest {}

  record Count(int count) implements GpuRequest {}

  record DeviceIds(List<String> ids) implements GpuRequest {
    public DeviceIds {
      ids = List.copyOf(ids);
    }
  }

  GpuRequest ALL = new All();
}
