package dev.ollamastack.model;

/** Docker's restart policies, as a container spec carries them. */
public enum RestartPolicy {
  NO("no"),
  ALWAYS("always"),
  ON_FAILURE("on-failure"),
  /** The stack's default: survives a daemon restart, stays down after an explicit stop. */
  UNLESS_STOPPED("unless-stopped");

  private final String dockerName;

  RestartPolicy(String dockerName) {
    this.dockerName = dockerName;
  }

  /** The name the Engine API takes ({@code unless-stopped}). */
  public String dockerName() {
    return dockerName;
  }
}
