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

  public static void write(PlannedStack p, Path out) {
    try {
      Files.writeString(out, JSON.writeValueAsString(document(p)) + "\n");
    } catch (IOException e) {
      throw ToolException.failed("cannot write the plan to " + out + ": " + e.getMessage(), null);
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

  /** Refuses with exit 5 when the world moved since the plan was saved. */
  public static void checkCurrent(PlanDocument saved, PlannedStack fresh) {
    if (!Objects.equals(saved.stackSha256(), fresh.loaded().contentSha256())) {
      throw stale("the stack file changed since the plan was saved");
    }
    if (!Objects.equals(saved.fingerprint(), fresh.fingerprint())) {
      throw stale("the Docker resources changed since the plan was saved");
    }
    if (!Objects.equals(saved.actions(), document(fresh).actions())) {
      throw stale("the plan would be different now");
    }
  }

  private static ToolException stale(String why) {
    return ToolException.refused(
        "saved plan is stale: " + why, "run 'ollama-stack plan --out FILE' again and review it");
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
