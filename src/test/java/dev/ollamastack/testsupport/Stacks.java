package dev.ollamastack.testsupport;

import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.plan.render.StackRenderer;

/** Rendering shortcuts for tests. */
public final class Stacks {
  public static final Secrets SECRETS = new Secrets("test-webui-secret", "test-mcpo-key");

  private Stacks() {}

  public static StackSpec cpu() {
    return StackSpec.defaults().withPlatform(Platform.CPU);
  }

  public static DesiredState render(StackSpec spec) {
    return render(spec, SECRETS);
  }

  public static DesiredState render(StackSpec spec, Secrets secrets) {
    return new StackRenderer("test").render(spec, secrets, 4, "/state/" + spec.name());
  }
}
