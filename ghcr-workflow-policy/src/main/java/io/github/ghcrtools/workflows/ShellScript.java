package io.github.ghcrtools.workflows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a {@code run:} script into simple commands the way a POSIX shell would tokenize it:
 * quotes, escapes, line continuations, comments, {@code ; && || | &} separators, redirections and
 * here-documents. It does not expand anything; {@code $(...)} stays one word and its content is not
 * inspected. Commands run through {@code sh -c '...'} or {@code bash -c '...'} are split too,
 * because writing {@code /etc/hosts} through {@code sudo sh -c} is the usual idiom.
 */
final class ShellScript {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh");
  private static final int MAX_NESTING = 3;

  private ShellScript() {}

  /** The simple commands of {@code script}, in order; an empty list for {@code null}. */
  static List<ShellCommand> parse(String script) {
    List<ShellCommand> commands = new ArrayList<>();
    if (script != null) {
      parse(compactExpressions(script), commands, 0);
    }
    return commands;
  }

  /**
   * GitHub substitutes {@code ${{ expr }}} before the shell runs; its inner blanks must not split
   * words, so they are removed ({@code ${{env.X}}}).
   */
  static String compactExpressions(String script) {
    Matcher matcher = EXPRESSION.matcher(script);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String expression = matcher.group(1).replaceAll("\\s+", "");
      matcher.appendReplacement(out, Matcher.quoteReplacement("${{" + expression + "}}"));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static void parse(String script, List<ShellCommand> out, int depth) {
    List<ShellCommand> commands = new Tokenizer(script).commands();
    for (ShellCommand command : commands) {
      out.add(command);
      String inline = inlineScript(command);
      if (inline != null && depth < MAX_NESTING) {
        parse(inline, out, depth + 1);
      }
    }
  }

  /** The script of {@code sh -c 'script'} (also {@code -ec}, {@code -xc}), or {@code null}. */
  private static String inlineScript(ShellCommand command) {
    if (!SHELLS.contains(command.program())) {
      return null;
    }
    List<String> args = command.args();
    for (int i = 0; i + 1 < args.size(); i++) {
      String arg = args.get(i);
      if (arg.matches("-[a-zA-Z]*c[a-zA-Z]*")) {
        return args.get(i + 1);
      }
      if (!arg.startsWith("-")) {
        return null;
      }
    }
    return null;
  }

  /** One pass over the text; state is the word, command and redirection being built. */
  private static final class Tokenizer {
    private final String s;
    private int i;
    private final List<ShellCommand> commands = new ArrayList<>();
    private List<String> words = new ArrayList<>();
    private List<ShellCommand.Redirect> redirects = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;
    private String pendingRedirect;
    private final Deque<String[]> heredocs = new ArrayDeque<>();

    Tokenizer(String s) {
      this.s = s;
    }

    List<ShellCommand> commands() {
      int n = s.length();
      while (i < n) {
        char c = s.charAt(i);
        char next = i + 1 < n ? s.charAt(i + 1) : '\0';
        if (c == '\\') {
          if (next != '\n' && i + 1 < n) {
            word.append(next);
            inWord = true;
          }
          i += 2;
        } else if (c == '\n') {
          endCommand();
          i++;
          skipHeredocBodies();
        } else if (c == ' ' || c == '\t' || c == '\r') {
          endWord();
          i++;
        } else if (c == '#' && !inWord) {
          while (i < n && s.charAt(i) != '\n') {
            i++;
          }
        } else if (c == '\'') {
          int end = s.indexOf('\'', i + 1);
          end = end < 0 ? n : end;
          word.append(s, i + 1, end);
          inWord = true;
          i = end + 1;
        } else if (c == '"') {
          doubleQuoted();
        } else if (c == '$' && (next == '(' || next == '{')) {
          balanced(i + 1);
        } else if (c == '`') {
          int end = s.indexOf('`', i + 1);
          end = end < 0 ? n - 1 : end;
          word.append(s, i, end + 1);
          inWord = true;
          i = end + 1;
        } else if (c == '<' || c == '>' || (c == '&' && next == '>')) {
          redirect();
        } else if (";&|()".indexOf(c) >= 0) {
          endCommand();
          i++;
        } else {
          word.append(c);
          inWord = true;
          i++;
        }
      }
      endCommand();
      return commands;
    }

    private void doubleQuoted() {
      inWord = true;
      i++;
      while (i < s.length() && s.charAt(i) != '"') {
        char c = s.charAt(i);
        char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
        if (c == '\\' && "\"\\$`\n".indexOf(next) >= 0) {
          if (next != '\n') {
            word.append(next);
          }
          i += 2;
        } else if (c == '$' && (next == '(' || next == '{')) {
          balanced(i + 1);
        } else {
          word.append(c);
          i++;
        }
      }
      i++;
    }

    /** Copies {@code $(...)} or {@code ${...}} whole, nested brackets included. */
    private void balanced(int openAt) {
      char open = s.charAt(openAt);
      char close = open == '(' ? ')' : '}';
      int depth = 0;
      int j = openAt;
      for (; j < s.length(); j++) {
        char c = s.charAt(j);
        if (c == open) {
          depth++;
        } else if (c == close && --depth == 0) {
          break;
        }
      }
      int end = Math.min(j, s.length() - 1);
      word.append(s, i, end + 1);
      inWord = true;
      i = end + 1;
    }

    private void redirect() {
      if (inWord && !word.isEmpty() && word.chars().allMatch(Character::isDigit)) {
        word.setLength(0);
        inWord = false;
      } else {
        endWord();
      }
      String operator = "";
      for (String candidate :
          List.of("&>>", "&>", "<<<", "<<-", "<<", ">>", ">|", ">&", "<&", "<>", ">", "<")) {
        if (s.startsWith(candidate, i)) {
          operator = candidate;
          break;
        }
      }
      pendingRedirect = operator;
      i += operator.length();
    }

    private void endWord() {
      if (!inWord) {
        return;
      }
      String text = word.toString();
      word.setLength(0);
      inWord = false;
      if (pendingRedirect != null) {
        redirects.add(new ShellCommand.Redirect(pendingRedirect, text));
        if (pendingRedirect.equals("<<") || pendingRedirect.equals("<<-")) {
          heredocs.add(new String[] {text, pendingRedirect});
        }
        pendingRedirect = null;
      } else {
        words.add(text);
      }
    }

    private void endCommand() {
      endWord();
      pendingRedirect = null;
      if (!words.isEmpty() || !redirects.isEmpty()) {
        commands.add(new ShellCommand(words, redirects));
      }
      words = new ArrayList<>();
      redirects = new ArrayList<>();
    }

    /** After the line that opened here-documents, skips their bodies up to each delimiter. */
    private void skipHeredocBodies() {
      while (!heredocs.isEmpty()) {
        String delimiter = heredocs.poll()[0];
        while (i < s.length()) {
          int eol = s.indexOf('\n', i);
          eol = eol < 0 ? s.length() : eol;
          String line = s.substring(i, eol);
          i = eol + 1;
          if (line.strip().equals(delimiter)) {
            break;
          }
        }
      }
    }
  }
}
