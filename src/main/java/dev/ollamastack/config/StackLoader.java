package dev.ollamastack.config;

import dev.ollamastack.model.StackSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Finds, reads and validates the stack file, producing the desired state with every default
 * applied, or an {@link InvalidStackException} listing every problem at its line and column. Reads
 * only the file system: no Docker.
 */
public final class StackLoader {
  /** The file looked for in the working directory. */
  public static final String DEFAULT_FILE = "ollama-stack.yaml";

  /** The display name of the embedded default stack. */
  public static final String EMBEDDED_NAME = "<built-in default>";

  /** Names the stack file when {@code -f} is not given. */
  public static final String FILE_VARIABLE = "OLLAMA_STACK_FILE";

  /** Where the tool keeps its state; named when a secret is found in the file. */
  static final String STATE_HOME_VARIABLE = "OLLAMA_STACK_HOME";

  static final String EMBEDDED_RESOURCE = "/dev/ollamastack/config/default-stack.yaml";

  private final Map<String, String> env;
  private final Path cwd;
  private final ValidationCache cache;

  public StackLoader(Map<String, String> env, Path cwd) {
    this(env, cwd, null);
  }

  /**
   * @param stateHome {@code $OLLAMA_STACK_HOME}: contents that passed the schema check before are
   *     not checked again ({@code validated.json}); {@code null} checks every time
   */
  public StackLoader(Map<String, String> env, Path cwd, Path stateHome) {
    this.env = Map.copyOf(env);
    this.cwd = cwd;
    this.cache = new ValidationCache(stateHome);
  }

  /**
   * Loads the stack: {@code explicitFile} ({@code -f}), else {@code $OLLAMA_STACK_FILE}, else
   * {@code ./ollama-stack.yaml}, else the embedded default.
   *
   * @param explicitFile the {@code -f} value, or {@code null}; relative paths resolve against cwd
   * @throws InvalidStackException with every problem when the file is missing or invalid
   */
  public LoadedStack load(Path explicitFile) {
    StackSource source = StackSource.locate(explicitFile, env, cwd);
    if (source.path() == null) {
      return parse(embeddedBytes(), EMBEDDED_NAME, null);
    }
    return parse(source.read(), source.displayName(), source.path());
  }

  /**
   * Validates {@code bytes} as if they were the stack file at {@code path} (relative paths in them
   * resolve against its directory), without reading or writing it: for a file about to be written
   * ({@code restore}, {@code migrate}).
   */
  public LoadedStack loadBytes(byte[] bytes, String displayName, Path path) {
    return parse(bytes, displayName, path);
  }

  /**
   * Where the stack file is, or would be written: {@code explicitFile}, else {@code
   * $OLLAMA_STACK_FILE}, else {@code ./ollama-stack.yaml}, whether it exists or not.
   */
  public Path target(Path explicitFile) {
    if (explicitFile != null) {
      return cwd.resolve(explicitFile).toAbsolutePath().normalize();
    }
    String variable = env.get(FILE_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return cwd.resolve(variable).toAbsolutePath().normalize();
    }
    return cwd.resolve(DEFAULT_FILE).toAbsolutePath().normalize();
  }

  /** Validates bytes as the stack file {@code displayName} at {@code path} (null: embedded). */
  public LoadedStack parse(byte[] bytes, String displayName, Path path) {
    String text = StackText.decode(displayName, bytes);
    Node root =
        YamlParser.parse(text, displayName)
            .orElseThrow(
                () ->
                    InvalidStackException.of(
                        Problem.atStart(
                            displayName,
                            "the file is empty; a stack file needs at least"
                                + " 'apiVersion: ollama-stack/v1' and 'kind: Stack'"),
                        "run 'ollama-stack init' to write a starter file"));
    DocumentShape.requireMapping(root, displayName);
    TreeBuilder.Result tree = TreeBuilder.build(root, displayName, new Interpolator(env));
    List<Problem> problems = new ArrayList<>(tree.problems());
    Set<String> flagged = problems.stream().map(Problem::path).collect(Collectors.toSet());
    String installation = tree.root().path("metadata").path("name").asText(StackSpec.DEFAULT_NAME);
    String key = problems.isEmpty() ? ValidationCache.key(tree.root()) : null;
    boolean known = key != null && cache.knows(installation, key);
    if (!known) {
      new SchemaProblems(StackSchema.get(), tree.sources(), displayName)
          .translate(StackSchema.get().validate(tree.root())).stream()
              .filter(p -> !flagged.contains(p.path()))
              .forEach(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new InvalidStackException(inFileOrder(problems));
    }
    EnvText.restore(tree.root(), tree.sources());
    Path baseDir = path == null ? cwd : path.toAbsolutePath().getParent();
    StackSpec mapped = SpecMapper.map(tree.root());
    ExtensionManifests.Found extensions =
        ExtensionManifests.find(baseDir, mapped.extensions().paths());
    StackSpec spec =
        mapped.withExtensions(
            ExtensionDirectories.resolve(mapped.extensions(), baseDir, env)
                .withManifests(extensions.manifests()));
    var findings =
        new SemanticChecks(displayName, tree.sources(), extensions, env.get(STATE_HOME_VARIABLE))
            .check(spec);
    if (!findings.errors().isEmpty()) {
      throw new InvalidStackException(
          inFileOrder(findings.errors()),
          inFileOrder(findings.warnings()),
          InvalidStackException.FIX_HINT);
    }
    if (!known) {
      cache.remember(spec.name(), key);
    }
    return new LoadedStack(
        spec, displayName, path, sha256(bytes), inFileOrder(findings.warnings()));
  }

  private static List<Problem> inFileOrder(List<Problem> problems) {
    return problems.stream()
        .sorted(
            Comparator.comparingInt((Problem p) -> p.located() ? p.line() : Integer.MAX_VALUE)
                .thenComparingInt(Problem::column))
        .toList();
  }

  private static byte[] embeddedBytes() {
    try (InputStream in = StackLoader.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(EMBEDDED_RESOURCE + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
