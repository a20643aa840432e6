package io.github.ghcrtools.workflows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One simple command of a {@code run:} script: its words with quotes removed, and its redirections
 * apart, so that rules can ask "which program, which arguments, writing where".
 *
 * @param words the words as the shell would pass them (variables left unexpanded)
 * @param redirects the redirections, e.g. {@code >> /etc/hosts}
 */
record ShellCommand(List<String> words, List<Redirect> redirects) {

  /** A redirection operator ({@code >}, {@code >>}, {@code <<}, ...) and its target word. */
  record Redirect(String operator, String target) {

    boolean writes() {
      return operator.contains(">");
    }
  }

  private static final Pattern ASSIGNMENT =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
  private static final Set<String> TRANSPARENT =
      Set.of(
          "exec", "command", "time", "nohup", "then", "do", "else", "elif", "if", "while", "until",
          "!", "{");
  private static final Set<String> SUDO_OPTIONS_WITH_VALUE =
      Set.of("-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U");

  ShellCommand {
    words = List.copyOf(words);
    redirects = List.copyOf(redirects);
  }

  /**
   * The words from the program on: leading assignments, {@code sudo}, {@code env}, keywords
   * dropped.
   */
  List<String> effective() {
    int k = 0;
    while (k < words.size()) {
      String word = words.get(k);
      if (ASSIGNMENT.matcher(word).matches() || TRANSPARENT.contains(word)) {
        k++;
      } else if (word.equals("sudo")) {
        k++;
        while (k < words.size() && words.get(k).startsWith("-")) {
          k += SUDO_OPTIONS_WITH_VALUE.contains(words.get(k)) ? 2 : 1;
        }
      } else if (word.equals("env")) {
        k++;
        while (k < words.size()
            && (words.get(k).startsWith("-") || ASSIGNMENT.matcher(words.get(k)).matches())) {
          k++;
        }
      } else {
        break;
      }
    }
    return words.subList(Math.min(k, words.size()), words.size());
  }

  /** The program's file name without directories ({@code ./mvnw} is {@code mvnw}), or "". */
  String program() {
    List<String> effective = effective();
    if (effective.isEmpty()) {
      return "";
    }
    String first = effective.get(0);
    return first.substring(first.lastIndexOf('/') + 1);
  }

  /** The arguments after the program. */
  List<String> args() {
    List<String> effective = effective();
    return effective.isEmpty() ? List.of() : effective.subList(1, effective.size());
  }

  /**
   * The arguments that are not options, given which options take a separate value. A word {@code
   * --} ends the options; {@code --name=value} is one word.
   */
  List<String> positionals(Set<String> optionsWithValue) {
    List<String> positionals = new ArrayList<>();
    List<String> args = args();
    boolean options = true;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (options && arg.equals("--")) {
        options = false;
      } else if (options && arg.startsWith("-") && arg.length() > 1) {
        if (!arg.contains("=") && optionsWithValue.contains(arg)) {
          i++;
        }
      } else {
        positionals.add(arg);
      }
    }
    return positionals;
  }

  /** Values of an option given as {@code -t v}, {@code --tag v} or {@code --tag=v}. */
  List<String> optionValues(Set<String> names) {
    List<String> values = new ArrayList<>();
    List<String> args = args();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      if (names.contains(arg) && i + 1 < args.size()) {
        values.add(args.get(++i));
      } else if (eq > 0 && arg.startsWith("-") && names.contains(arg.substring(0, eq))) {
        values.add(arg.substring(eq + 1));
      }
    }
    return values;
  }

  /**
   * The variables this command sets in the script ({@code NAME=value} or {@code export NAME=value}
   * with nothing else), or an empty map.
   */
  Map<String, String> assignments() {
    Map<String, String> assignments = new LinkedHashMap<>();
    int start =
        !words.isEmpty() && Set.of("export", "readonly", "declare", "local").contains(words.get(0))
            ? 1
            : 0;
    for (int i = start; i < words.size(); i++) {
      String word = words.get(i);
      if (word.startsWith("-") && start == 1) {
        continue;
      }
      if (!ASSIGNMENT.matcher(word).matches()) {
        return Map.of();
      }
      int eq = word.indexOf('=');
      assignments.put(word.substring(0, eq), word.substring(eq + 1));
    }
    return assignments;
  }
}
