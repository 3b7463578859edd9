package dev.ollamastack.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A fully rendered container: everything that reaches Docker when it is created, and so everything
 * its config hash covers. Built with {@link #builder(String, Component)}; values of keys in {@code
 * sensitiveEnv} are secrets: never printed, hashed in labels.
 *
 * @param service service name as users type it ({@code ollama}, {@code webui}, {@code mcp-proxy},
 *     or the extension name)
 * @param entrypoint entrypoint override, empty for the image's
 * @param cmd command override, empty for the image's
 * @param networkAliases names other containers reach this one by on {@code network}
 * @param restartPolicy what Docker does when the process exits or the daemon restarts
 * @param init whether Docker's init runs as PID 1 (reaps children, forwards SIGTERM)
 * @param dependsOnHealthy services that must be ready before this one starts
 * @param probe how the tool checks readiness from the host after start
 * @param imageDigest the registry digest {@code image} is pinned to by the lock file, or {@code
 *     null}: the container is then created from {@link #imageReference()}. Not in the config hash:
 *     it is matched against the image the container really runs (see {@code ContainerDependent}),
 *     so pinning what already runs never recreates it
 * @param priorForms the canonical spec of this container as each earlier form version of the
 *     renderer renders the same input ({@code "1"} → JSON): how a container made by an earlier
 *     release is compared without recreating it for the upgrade alone. Not sent to Docker.
 */
public record ContainerSpec(
    String name,
    String service,
    Component component,
    String image,
    List<String> entrypoint,
    List<String> cmd,
    Map<String, String> env,
    Set<String> sensitiveEnv,
    List<PortBinding> ports,
    List<Mount> mounts,
    String network,
    List<String> networkAliases,
    List<String> extraHosts,
    Resources resources,
    DeviceSpec devices,
    HealthCheck healthCheck,
    RestartPolicy restartPolicy,
    boolean init,
    ReadinessProbe probe,
    List<String> dependsOnHealthy,
    Map<String, String> labels,
    String imageDigest,
    Map<String, String> priorForms) {

  public ContainerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(restartPolicy, "restartPolicy");
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    env = Collections.unmodifiableMap(new TreeMap<>(env));
    sensitiveEnv = Collections.unmodifiableSet(new TreeSet<>(sensitiveEnv));
    ports = List.copyOf(ports);
    mounts = List.copyOf(mounts);
    networkAliases = List.copyOf(networkAliases);
    extraHosts = List.copyOf(extraHosts);
    resources = resources == null ? Resources.NONE : resources;
    devices = devices == null ? DeviceSpec.NONE : devices;
    dependsOnHealthy = List.copyOf(dependsOnHealthy);
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    priorForms = Collections.unmodifiableMap(new TreeMap<>(priorForms));
  }

  /**
   * A container named {@code name} in the role {@code component}, with the stack's defaults:
   * restart {@code unless-stopped}, Docker's init as PID 1, nothing else set.
   */
  public static Builder builder(String name, Component component) {
    return new Builder(name, component);
  }

  /** A builder holding every value of this spec, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(name, component);
    b.service = service;
    b.image = image;
    b.entrypoint = new ArrayList<>(entrypoint);
    b.cmd = new ArrayList<>(cmd);
    b.env = new LinkedHashMap<>(env);
    b.sensitiveEnv = new TreeSet<>(sensitiveEnv);
    b.ports = new ArrayList<>(ports);
    b.mounts = new ArrayList<>(mounts);
    b.network = network;
    b.networkAliases = new ArrayList<>(networkAliases);
    b.extraHosts = new ArrayList<>(extraHosts);
    b.resources = resources;
    b.devices = devices;
    b.healthCheck = healthCheck;
    b.restartPolicy = restartPolicy;
    b.init = init;
    b.probe = probe;
    b.dependsOnHealthy = new ArrayList<>(dependsOnHealthy);
    b.labels = new LinkedHashMap<>(labels);
    b.imageDigest = imageDigest;
    b.priorForms = new LinkedHashMap<>(priorForms);
    return b;
  }

  /**
   * What Docker creates the container from: {@code name@digest} when pinned, else {@code image}.
   */
  public String imageReference() {
    return imageDigest == null ? image : ImageRef.parse(image).pinned(imageDigest);
  }

  /** The same container pinned to {@code digest} (or unpinned with {@code null}). */
  public ContainerSpec withImageDigest(String digest) {
    return toBuilder().imageDigest(digest).build();
  }

  public ContainerSpec withLabels(Map<String, String> newLabels) {
    return toBuilder().labels(newLabels).build();
  }

  public ContainerSpec withEnv(Map<String, String> newEnv) {
    return toBuilder().env(newEnv).build();
  }

  /** Assembles a {@link ContainerSpec}; unset lists and maps are empty. */
  public static final class Builder {
    private final String name;
    private final Component component;
    private String service;
    private String image;
    private List<String> entrypoint = new ArrayList<>();
    private List<String> cmd = new ArrayList<>();
    private Map<String, String> env = new LinkedHashMap<>();
    private Set<String> sensitiveEnv = new TreeSet<>();
    private List<PortBinding> ports = new ArrayList<>();
    private List<Mount> mounts = new ArrayList<>();
    private String network;
    private List<String> networkAliases = new ArrayList<>();
    private List<String> extraHosts = new ArrayList<>();
    private Resources resources = Resources.NONE;
    private DeviceSpec devices = DeviceSpec.NONE;
    private HealthCheck healthCheck;
    private RestartPolicy restartPolicy = RestartPolicy.UNLESS_STOPPED;
    private boolean init = true;
    private ReadinessProbe probe;
    private List<String> dependsOnHealthy = new ArrayList<>();
    private Map<String, String> labels = new LinkedHashMap<>();
    private String imageDigest;
    private Map<String, String> priorForms = new LinkedHashMap<>();

    private Builder(String name, Component component) {
      this.name = name;
      this.component = component;
      this.service = component.serviceName();
    }

    public Builder service(String s) {
      service = s;
      return this;
    }

    public Builder image(String i) {
      image = i;
      return this;
    }

    public Builder entrypoint(List<String> e) {
      entrypoint = new ArrayList<>(e);
      return this;
    }

    public Builder cmd(List<String> c) {
      cmd = new ArrayList<>(c);
      return this;
    }

    public Builder env(Map<String, String> e) {
      env = new LinkedHashMap<>(e);
      return this;
    }

    /** Sets a secret variable: its value is never printed and only its digest is hashed. */
    public Builder secretEnv(String key, String value) {
      env.put(key, value);
      sensitiveEnv.add(key);
      return this;
    }

    public Builder port(PortBinding p) {
      ports.add(p);
      return this;
    }

    public Builder ports(List<PortBinding> p) {
      ports = new ArrayList<>(p);
      return this;
    }

    public Builder mounts(List<Mount> m) {
      mounts = new ArrayList<>(m);
      return this;
    }

    public Builder mount(Mount m) {
      mounts.add(m);
      return this;
    }

    /** Joins {@code net}, reachable there by each of {@code aliases}. */
    public Builder network(String net, List<String> aliases) {
      network = net;
      networkAliases = new ArrayList<>(aliases);
      return this;
    }

    public Builder extraHosts(List<String> hosts) {
      extraHosts = new ArrayList<>(hosts);
      return this;
    }

    public Builder resources(Resources r) {
      resources = r;
      return this;
    }

    public Builder devices(DeviceSpec d) {
      devices = d;
      return this;
    }

    public Builder healthCheck(HealthCheck h) {
      healthCheck = h;
      return this;
    }

    public Builder restartPolicy(RestartPolicy r) {
      restartPolicy = r;
      return this;
    }

    public Builder init(boolean i) {
      init = i;
      return this;
    }

    public Builder probe(ReadinessProbe p) {
      probe = p;
      return this;
    }

    public Builder dependsOnHealthy(List<String> services) {
      dependsOnHealthy = new ArrayList<>(services);
      return this;
    }

    public Builder labels(Map<String, String> l) {
      labels = new LinkedHashMap<>(l);
      return this;
    }

    /** Pins the image to a registry digest ({@code sha256:…}), or unpins it with {@code null}. */
    public Builder imageDigest(String d) {
      imageDigest = d;
      return this;
    }

    public Builder priorForms(Map<String, String> forms) {
      priorForms = new LinkedHashMap<>(forms);
      return this;
    }

    public ContainerSpec build() {
      return new ContainerSpec(
          name,
          service,
          component,
          image,
          entrypoint,
          cmd,
          env,
          sensitiveEnv,
          ports,
          mounts,
          network,
          networkAliases,
          extraHosts,
          resources,
          devices,
          healthCheck,
          restartPolicy,
          init,
          probe,
          dependsOnHealthy,
          labels,
          imageDigest,
          priorForms);
    }
  }
}
