package dev.ollamastack.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * The parser's events on their way to the composer, refused at the alias or bracket that makes a
 * document grow past anything a stack file needs: an alias bomb ("billion laughs"), a recursive
 * alias, or nesting deep enough to overflow the stack. The composer keeps aliases as shared nodes,
 * but the tree built from them repeats every alias, so the sizes are counted as expanded. Checking
 * here, event by event, gives each refusal the line and column of the alias that caused it.
 */
final class ExpansionGuard implements Parser {
  /** A stack file is about six levels deep. */
  static final int MAX_DEPTH = 64;

  /** Aliases of lists and maps; SnakeYAML's own limit, checked here to know where it was hit. */
  static final int MAX_COLLECTION_ALIASES = 50;

  /** Values that aliases may add to the document once expanded. */
  static final int MAX_ALIASED_VALUES = 10_000;

  private static final String BOMB = " (an alias bomb?)";

  /** What an anchor names: a value already read, or a list or map still being read. */
  private sealed interface Anchored permits Size, Open {}

  /** What an anchored value amounts to when an alias repeats it. */
  private record Size(long values, int depth, boolean collection) implements Anchored {}

  /** A list or map whose end has not been seen yet. */
  private static final class Open implements Anchored {
    final Optional<Anchor> anchor;
    long values = 1;
    int depth = 1;

    Open(Optional<Anchor> anchor) {
      this.anchor = anchor;
    }
  }

  private final Parser events;
  private final String file;
  private final Deque<Open> open = new ArrayDeque<>();
  private final Map<Anchor, Anchored> anchors = new HashMap<>();
  private int collectionAliases;
  private long aliasedValues;

  ExpansionGuard(Parser events, String file) {
    this.events = events;
    this.file = file;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return events.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return events.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return events.hasNext();
  }

  @Override
  public Event next() {
    Event event = events.next();
    switch (event) {
      case CollectionStartEvent start -> enter(start);
      case CollectionEndEvent end -> leave();
      case ScalarEvent scalar -> {
        scalar.getAnchor().ifPresent(a -> anchors.put(a, new Size(1, 0, false)));
        add(1, 0);
      }
      case AliasEvent alias -> repeat(alias);
      default -> {}
    }
    return event;
  }

  private void enter(CollectionStartEvent start) {
    if (open.size() >= MAX_DEPTH) {
      throw refuse(
          start.getStartMark(),
          "nested more than " + MAX_DEPTH + " levels deep",
          SyntaxProblems.DEPTH_HINT);
    }
    Open collection = new Open(start.getAnchor());
    open.push(collection);
    collection.anchor.ifPresent(a -> anchors.put(a, collection));
  }

  private void leave() {
    Open collection = open.pop();
    collection
        .anchor
        .filter(a -> anchors.get(a) == collection)
        .ifPresent(a -> anchors.put(a, new Size(collection.values, collection.depth, true)));
    add(collection.values, collection.depth);
  }

  private void add(long values, int depth) {
    Open parent = open.peek();
    if (parent != null) {
      parent.values += values;
      parent.depth = Math.max(parent.depth, depth + 1);
    }
  }

  private void repeat(AliasEvent alias) {
    String name = alias.getAlias().getValue();
    switch (anchors.get(alias.getAlias())) {
      case null -> {} // undefined: the composer reports it at the alias
      case Open inside ->
          throw refuse(
              alias.getStartMark(),
              "alias *"
                  + name
                  + " is inside the list or map it names (&"
                  + name
                  + ")"
                  + ", so it would repeat forever",
              SyntaxProblems.ALIAS_HINT);
      case Size size -> count(alias, "alias *" + name, size);
    }
  }

  private void count(AliasEvent alias, String name, Size size) {
    if (size.collection() && ++collectionAliases > MAX_COLLECTION_ALIASES) {
      throw refuse(
          alias.getStartMark(),
          name + ": more than " + MAX_COLLECTION_ALIASES + " aliases of lists or maps" + BOMB,
          SyntaxProblems.BOMB_HINT);
    }
    aliasedValues += size.values();
    if (aliasedValues > MAX_ALIASED_VALUES) {
      throw refuse(
          alias.getStartMark(),
          name + ": aliases expand the document past " + MAX_ALIASED_VALUES + " values" + BOMB,
          SyntaxProblems.BOMB_HINT);
    }
    if (open.size() + size.depth() > MAX_DEPTH) {
      throw refuse(
          alias.getStartMark(),
          name + ": nests the document more than " + MAX_DEPTH + " levels deep",
          SyntaxProblems.DEPTH_HINT);
    }
    add(size.values(), size.depth());
  }

  private InvalidStackException refuse(Optional<Mark> at, String message, String hint) {
    return InvalidStackException.of(SyntaxProblems.at(file, at, message), hint);
  }
}
