package dev.ollamastack.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.PlanDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Plans saved with {@code plan --out} and applied with {@code apply PLANFILE}. A saved plan holds
 * no secrets: it records the stack file's hash and the observed state's fingerprint, and {@code
 * apply} re-plans and refuses (exit 5) unless both, and so the actions, are unchanged.
 */
public final class SavedPlans {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SavedPlans() {}

  public static PlanDocument document(PlannedStack p) {
    String file = p.loaded().path() == null ? null : p.loaded().path().toString();
    return PlanDocument.of(p.plan(), file, p.loaded().contentSha256(), p.fingerprint());
  }

  /**
   * Where a plan may be saved: a file in an existing directory, not a directory itself. Checked
   * before planning, so a bad {@code --out} costs nothing (exit 3).
   */
  public static void checkWritable(Path out) {
    Path dir = out.toAbsolutePath().getParent();
    if (Files.isDirectory(out)) {
      throw ToolException.invalidInput(
          "--out " + out + " is a directory",
          "name a file, e.g. --out " + out.resolve("plan.json"));
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw ToolException.invalidInput(
          "--out " + out + ": directory " + dir + " does not exist",
          "create it first (mkdir -p " + dir + "), or save the plan elsewhere");
    }
    if (!Files.isWritable(dir) || (Files.exists(out) && !Files.isWritable(out))) {
      throw ToolException.invalidInput(
          "--out " + out + ": not writable (permission denied)", "save the plan elsewhere");
    }
  }

  public static void write(PlannedStack p, Path out) {
    try {
      Files.writeString(out, JSON.writeValueAsString(document(p)) + "\n");
    } catch (IOException e) {
      throw ToolException.invalidInput(
          "cannot write the plan to " + out + ": " + dev.ollamastack.config.StatePaths.reason(e),
          "save the plan elsewhere");
    }
  }

  public static PlanDocument read(Path file) {
    try {
      PlanDocument d = JSON.readValue(file.toFile(), PlanDocument.class);
      if (d.formatVersion() != PlanDocument.FORMAT_VERSION || d.actions() == null) {
        throw new IOException("unsupported plan format " + d.formatVersion());
      }
      return d;
    } catch (IOException e) {
      throw ToolException.invalidInput(
          "cannot read saved plan " + file + ": " + firstLine(e.getMessage()),
          "make one with 'ollama-stack plan --out " + file + "'");
    }
  }

  /**
   * A saved plan applies to the stack file it was made from: {@code -f} naming another one is a
   * contradiction (exit 3), never silently ignored.
   *
   * @param given the {@code -f} file resolved against the working directory, or {@code null}
   */
  public static void checkStackFile(PlanDocument saved, Path given) {
    if (given == null) {
      return;
    }
    String made = saved.stackFile() == null ? "the built-in default stack" : saved.stackFile();
    if (saved.stackFile() == null || !samePath(Path.of(saved.stackFile()), given)) {
      throw ToolException.invalidInput(
          "the saved plan was made from " + made + ", not " + given,
          "apply the plan without -f (it knows its stack file), or make a new plan with"
              + " 'ollama-stack -f "
              + given
              + " plan --out FILE'");
    }
  }

  private static boolean samePath(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  /** Refuses with exit 5 when the world moved since the plan was saved. */
  public static void checkCurrent(PlanDocument saved, PlannedStack fresh) {
    if (!Objects.equals(saved.stackSha256(), fresh.loaded().contentSha256())) {
      throw stale("the stack file changed since the plan was saved");
    }
    if (!Objects.equals(saved.fingerprint(), fresh.fingerprint())) {
      throw stale("the Docker resources changed since the plan was saved");
    }
    if (!Objects.equals(saved.comparableActions(), document(fresh).comparableActions())) {
      throw stale("the plan would be different now");
    }
  }

  /** Whether two plans of the same stack would run the same actions, as their documents say. */
  public static boolean sameActions(PlannedStack a, PlannedStack b) {
    return Objects.equals(document(a).comparableActions(), document(b).comparableActions());
  }

  private static ToolException stale(String why) {
    return ToolException.refused(
        "saved plan is stale: " + why, "run 'ollama-stack plan --out FILE' again and review it");
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
