package dev.ollamastack.app.status;

/**
 * One model as {@code status} shows it: on disk and in memory (docs/status-format.md, {@code
 * modelStates}).
 *
 * @param listed named in {@code services.ollama.models}
 * @param preload named in {@code services.ollama.preload}
 * @param present Ollama has it ({@code /api/tags}); {@code null} when Ollama did not answer
 * @param sizeBytes its size on disk while present, else {@code null}
 * @param loaded Ollama holds it in memory ({@code /api/ps}); {@code null} when that is not known
 * @param memoryBytes memory it takes while loaded (RAM and VRAM), else {@code null}
 * @param vramBytes the part of it in GPU memory ({@code size_vram}) while loaded, else {@code null}
 * @param runsOn {@code cpu}, {@code gpu} or {@code split} while loaded, else {@code null}
 * @param processor as {@code ollama ps} shows it: {@code 100% CPU}, {@code 100% GPU}, {@code
 *     48%/52% CPU/GPU}; {@code null} when not loaded
 * @param expiresAt when Ollama unloads it unless it is used (as Ollama gives it), or {@code null}
 */
public record ModelState(
    String name,
    boolean listed,
    boolean preload,
    Boolean present,
    Long sizeBytes,
    Boolean loaded,
    Long memoryBytes,
    Long vramBytes,
    String runsOn,
    String processor,
    String expiresAt) {}
