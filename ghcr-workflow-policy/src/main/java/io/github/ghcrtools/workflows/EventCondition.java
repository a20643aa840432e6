package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether an {@code if:} expression is certainly false for a pull-request event.
 *
 * <p>The expression is evaluated with three-valued logic: what is known about the event ({@code
 * github.event_name}, {@code github.ref}, {@code github.ref_type}) gives true or false, everything
 * else is unknown, and {@code &&}, {@code ||}, {@code !} combine as in Kleene logic. Only a certain
 * "false" excludes the event, so an expression this class does not understand never hides a job
 * from the policy.
 */
final class EventCondition {

  private static final Pattern STATUS_OVERRIDE =
      Pattern.compile("\\b(always|failure|cancelled)\\s*\\(");

  private EventCondition() {}

  /**
   * Whether {@code condition} (with or without {@code ${{ }}}) is false whenever {@code event}
   * triggers the run.
   */
  static boolean excludes(String condition, String event) {
    if (condition == null || condition.isBlank()) {
      return false;
    }
    String expression = condition.replace("${{", " ").replace("}}", " ");
    try {
      Parser parser = new Parser(tokens(expression), event);
      Value value = parser.or();
      if (!parser.atEnd()) {
        return false;
      }
      return truth(value, event) == Boolean.FALSE;
    } catch (IllegalArgumentException unparsable) {
      return false;
    }
  }

  /**
   * Whether the expression replaces the implicit {@code success()} check, so that the job runs even
   * when a job it needs was skipped.
   */
  static boolean overridesNeeds(String condition) {
    return condition != null && STATUS_OVERRIDE.matcher(condition).find();
  }

  // ---- values -------------------------------------------------------------------------

  /** A literal, a context path, a known truth value, or something unknown. */
  private record Value(String literal, String path, Boolean truth, boolean known) {
    static final Value UNKNOWN = new Value(null, null, null, false);

    static Value literal(String text) {
      return new Value(text, null, null, true);
    }

    static Value path(String path) {
      return new Value(null, path.toLowerCase(Locale.ROOT), null, true);
    }

    static Value truth(Boolean truth) {
      return truth == null ? UNKNOWN : new Value(null, null, truth, true);
    }
  }

  /** What is known about a context path on a pull-request event: an exact value or a prefix. */
  private record Known(String exact, String prefix) {}

  private static Known known(String path, String event) {
    if (path == null) {
      return null;
    }
    return switch (path) {
      case "github.event_name" -> new Known(event, null);
      // pull_request runs on the merge ref; pull_request_target on the base branch
      case "github.ref" ->
          new Known(null, event.equals("pull_request") ? "refs/pull/" : "refs/heads/");
      case "github.ref_type" -> new Known("branch", null);
      default -> null;
    };
  }

  private static Boolean truth(Value value, String event) {
    if (value.truth() != null || !value.known()) {
      return value.truth();
    }
    if (value.literal() != null) {
      return !value.literal().isEmpty() && !value.literal().equals("0");
    }
    Known known = known(value.path(), event);
    return known != null ? Boolean.TRUE : null;
  }

  private static Boolean equal(Value left, Value right, String event) {
    if (left.literal() != null && right.literal() != null) {
      return left.literal().equalsIgnoreCase(right.literal());
    }
    Value path = left.path() != null ? left : right;
    Value literal = left.path() != null ? right : left;
    Known known = known(path.path(), event);
    if (known == null || literal.literal() == null) {
      return null;
    }
    String text = literal.literal().toLowerCase(Locale.ROOT);
    if (known.exact() != null) {
      return known.exact().equalsIgnoreCase(text);
    }
    return text.startsWith(known.prefix()) ? null : Boolean.FALSE;
  }

  private static Boolean startsWith(Value subject, Value prefix, String event) {
    if (prefix.literal() == null) {
      return null;
    }
    String start = prefix.literal().toLowerCase(Locale.ROOT);
    if (subject.literal() != null) {
      return subject.literal().toLowerCase(Locale.ROOT).startsWith(start);
    }
    Known known = known(subject.path(), event);
    if (known == null) {
      return null;
    }
    if (known.exact() != null) {
      return known.exact().startsWith(start);
    }
    if (known.prefix().startsWith(start)) {
      return true;
    }
    return start.startsWith(known.prefix()) ? null : Boolean.FALSE;
  }

  private static Boolean contains(Value haystack, Value needle, String event) {
    String in = haystack.literal() != null ? haystack.literal() : exact(haystack, event);
    String of = needle.literal() != null ? needle.literal() : exact(needle, event);
    if (in == null || of == null) {
      return null;
    }
    return in.toLowerCase(Locale.ROOT).contains(of.toLowerCase(Locale.ROOT));
  }

  private static String exact(Value value, String event) {
    Known known = known(value.path(), event);
    return known == null ? null : known.exact();
  }

  private static Boolean not(Boolean value) {
    return value == null ? null : !value;
  }

  private static Boolean and(Boolean left, Boolean right) {
    if (left == Boolean.FALSE || right == Boolean.FALSE) {
      return false;
    }
    return left == null || right == null ? null : Boolean.TRUE;
  }

  private static Boolean or(Boolean left, Boolean right) {
    if (left == Boolean.TRUE || right == Boolean.TRUE) {
      return true;
    }
    return left == null || right == null ? null : Boolean.FALSE;
  }

  // ---- syntax -------------------------------------------------------------------------

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder literal = new StringBuilder("'");
        int j = i + 1;
        while (true) {
          if (j >= text.length()) {
            throw new IllegalArgumentException("unterminated string");
          }
          if (text.charAt(j) == '\'') {
            if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
              literal.append('\'');
              j += 2;
              continue;
            }
            break;
          }
          literal.append(text.charAt(j++));
        }
        tokens.add(literal.toString());
        i = j + 1;
      } else if (text.startsWith("&&", i)
          || text.startsWith("||", i)
          || text.startsWith("==", i)
          || text.startsWith("!=", i)
          || text.startsWith("<=", i)
          || text.startsWith(">=", i)) {
        tokens.add(text.substring(i, i + 2));
        i += 2;
      } else if ("!()<>,[]".indexOf(c) >= 0) {
        tokens.add(String.valueOf(c));
        i++;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '*') {
        int j = i;
        while (j < text.length()
            && (Character.isLetterOrDigit(text.charAt(j)) || "_-.*".indexOf(text.charAt(j)) >= 0)) {
          j++;
        }
        tokens.add(text.substring(i, j));
        i = j;
      } else {
        throw new IllegalArgumentException("unexpected character " + c);
      }
    }
    return tokens;
  }

  /** Recursive descent in GitHub's precedence: {@code ||} < {@code &&} < comparison < {@code !}. */
  private static final class Parser {
    private final List<String> tokens;
    private final String event;
    private int position;

    Parser(List<String> tokens, String event) {
      this.tokens = tokens;
      this.event = event;
    }

    boolean atEnd() {
      return position == tokens.size();
    }

    private String peek() {
      return position < tokens.size() ? tokens.get(position) : "";
    }

    private String next() {
      if (atEnd()) {
        throw new IllegalArgumentException("unexpected end");
      }
      return tokens.get(position++);
    }

    private void expect(String token) {
      if (!next().equals(token)) {
        throw new IllegalArgumentException("expected " + token);
      }
    }

    Value or() {
      Value left = and();
      while (peek().equals("||")) {
        next();
        left = Value.truth(EventCondition.or(truth(left, event), truth(and(), event)));
      }
      return left;
    }

    private Value and() {
      Value left = comparison();
      while (peek().equals("&&")) {
        next();
        left = Value.truth(EventCondition.and(truth(left, event), truth(comparison(), event)));
      }
      return left;
    }

    private Value comparison() {
      Value left = unary();
      String operator = peek();
      if (operator.equals("==") || operator.equals("!=")) {
        next();
        Boolean equal = equal(left, unary(), event);
        return Value.truth(operator.equals("==") ? equal : not(equal));
      }
      if (List.of("<", ">", "<=", ">=").contains(operator)) {
        next();
        unary();
        return Value.UNKNOWN;
      }
      return left;
    }

    private Value unary() {
      if (peek().equals("!")) {
        next();
        return Value.truth(not(truth(unary(), event)));
      }
      return primary();
    }

    private Value primary() {
      String token = next();
      if (token.equals("(")) {
        Value inner = or();
        expect(")");
        return inner;
      }
      if (token.startsWith("'")) {
        return Value.literal(token.substring(1));
      }
      if (peek().equals("(")) {
        return call(token.toLowerCase(Locale.ROOT));
      }
      if (token.isEmpty()
          || "!()<>,[]".contains(token)
          || token.equals("&&")
          || token.equals("||")) {
        throw new IllegalArgumentException("unexpected " + token);
      }
      return switch (token) {
        case "true" -> Value.truth(true);
        case "false", "null" -> Value.truth(false);
        default ->
            Character.isDigit(token.charAt(0)) || token.charAt(0) == '-'
                ? Value.literal(token)
                : path(token);
      };
    }

    private Value path(String first) {
      StringBuilder path = new StringBuilder(first);
      while (peek().equals("[")) {
        next();
        Value index = or();
        expect("]");
        path.append('.').append(index.literal() != null ? index.literal() : "*");
      }
      return Value.path(path.toString());
    }

    private Value call(String function) {
      expect("(");
      List<Value> args = new ArrayList<>();
      if (!peek().equals(")")) {
        args.add(or());
        while (peek().equals(",")) {
          next();
          args.add(or());
        }
      }
      expect(")");
      return switch (function) {
        case "always" -> Value.truth(true);
        case "startswith" ->
            args.size() == 2
                ? Value.truth(startsWith(args.get(0), args.get(1), event))
                : Value.UNKNOWN;
        case "contains" ->
            args.size() == 2
                ? Value.truth(contains(args.get(0), args.get(1), event))
                : Value.UNKNOWN;
        default -> Value.UNKNOWN;
      };
    }
  }
}
