package dev.ollamastack.model;

import java.util.Locale;

/**
 * A model Ollama holds in memory ({@code GET /api/ps}).
 *
 * @param name the name Ollama lists it under ({@code llama3.2:1b})
 * @param sizeBytes memory it takes, in RAM and VRAM together
 * @param vramBytes the part of it in GPU memory ({@code size_vram})
 * @param expiresAt when Ollama unloads it unless it is used again (RFC 3339 as Ollama gives it), or
 *     {@code null}
 */
public record LoadedModel(
    String name, long sizeBytes, long vramBytes, String digest, String expiresAt) {

  /** Where a loaded model runs, as {@code ollama ps} tells from {@code size_vram}. */
  public enum RunsOn {
    CPU,
    GPU,
    SPLIT;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** 0 in VRAM: CPU; all of it: GPU; a part: split between both. */
  public RunsOn runsOn() {
    if (vramBytes <= 0) {
      return RunsOn.CPU;
    }
    return vramBytes >= sizeBytes ? RunsOn.GPU : RunsOn.SPLIT;
  }

  /**
   * The PROCESSOR column of {@code ollama ps}: {@code 100% CPU}, {@code 100% GPU}, or the split
   * such as {@code 48%/52% CPU/GPU} (Ollama rounds the CPU share, the GPU share is the rest).
   */
  public String processor() {
    return switch (runsOn()) {
      case CPU -> "100% CPU";
      case GPU -> "100% GPU";
      case SPLIT -> {
        long cpu = Math.round((sizeBytes - vramBytes) * 100.0 / sizeBytes);
        yield cpu + "%/" + (100 - cpu) + "% CPU/GPU";
      }
    };
  }

  /** Whether it is {@code model} ({@code llama3.2} and {@code llama3.2:latest} are the same). */
  public boolean is(String model) {
    return ModelNames.same(name, model);
  }
}
