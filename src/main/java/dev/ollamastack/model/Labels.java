package dev.ollamastack.model;

/** The label keys of DESIGN.md §2: the only state the tool keeps about what it owns. */
public final class Labels {
  public static final String INSTALLATION = "ollama-stack.installation";
  public static final String COMPONENT = "ollama-stack.component";
  public static final String EXTENSION = "ollama-stack.extension";
  public static final String CONFIG_HASH = "ollama-stack.config-hash";
  public static final String HASH_VERSION = "ollama-stack.hash-version";
  public static final String MANAGED_BY = "ollama-stack.managed-by";
  public static final String VERSION = "ollama-stack.version";

  /**
   * On the short-lived helper containers of a backup or restore: the installation they work for.
   * Never the installation label, so the planner does not take them for part of the stack.
   */
  public static final String HELPER = "ollama-stack.helper";

  /** The canonical rendered spec (secrets replaced by digests): lets plan explain a recreate. */
  public static final String SPEC = "ollama-stack.spec";

  /**
   * On webui: a digest of the tool-server list its {@code TOOL_SERVER_CONNECTIONS} held when it was
   * created (not in the config hash: Open WebUI reads it only at its first start). Without an admin
   * key, how the plan tells that Open WebUI may not know the current list.
   */
  public static final String TOOL_SERVERS = "ollama-stack.tool-servers";

  /**
   * On the task containers of a Swarm service: the service they run for. Never the installation
   * label, which selects the containers of the {@code docker} target.
   */
  public static final String SWARM_SERVICE = "ollama-stack.swarm-service";

  public static final String MANAGED_BY_VALUE = "ollama-stack";

  private Labels() {}
}
