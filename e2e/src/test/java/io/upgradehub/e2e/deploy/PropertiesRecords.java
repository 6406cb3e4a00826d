package io.upgradehub.e2e.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys that {@code @ConfigurationProperties} records declare, read from their
 * source: a key with no entry in application.yml (an optional one, say) still exists for Spring.
 * Records only, which is what the services use (STYLE.md).
 */
final class PropertiesRecords {

  private static final Pattern PROPERTIES =
      Pattern.compile(
          "@ConfigurationProperties\\(\\s*(?:(?:value|prefix)\\s*=\\s*)?\"([^\"]+)\"\\s*\\)"
              + "[^;{]*?\\brecord\\s+\\w+\\s*\\(");
  private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(\\s*\\([^)]*\\))?");

  /** Types Spring binds from one value; any other component can have keys below it. */
  private static final Set<String> SCALARS =
      Set.of(
          "String",
          "URI",
          "URL",
          "Path",
          "Duration",
          "DataSize",
          "Period",
          "boolean",
          "Boolean",
          "int",
          "Integer",
          "long",
          "Long",
          "double",
          "Double",
          "float",
          "Float",
          "char",
          "Character",
          "Charset",
          "Locale",
          "Pattern",
          "InetAddress",
          "Instant");

  final Set<String> leaves = new LinkedHashSet<>();
  final Set<String> containers = new LinkedHashSet<>();

  /** Adds the keys of every properties record in {@code source}, a Java file's text. */
  void read(String source) {
    Matcher matcher = PROPERTIES.matcher(source);
    while (matcher.find()) {
      String prefix = matcher.group(1);
      for (String component : components(source, matcher.end())) {
        String declaration = ANNOTATION.matcher(component).replaceAll(" ").trim();
        int space = declaration.lastIndexOf(' ');
        if (space < 0) {
          continue;
        }
        String type = declaration.substring(0, space).trim();
        String key = prefix + "." + kebab(declaration.substring(space + 1).trim());
        leaves.add(key);
        String rawType = type.replaceAll("<.*", "").replaceAll(".*\\.", "").trim();
        if (!SCALARS.contains(rawType)) {
          containers.add(key);
        }
      }
    }
  }

  /** The record's components: the text from {@code start} to the closing parenthesis, split. */
  private static List<String> components(String source, int start) {
    List<String> components = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    StringBuilder current = new StringBuilder();
    for (int i = start; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '"' && source.charAt(i - 1) != '\\') {
        quoted = !quoted;
      }
      if (!quoted) {
        if (c == '(' || c == '<') {
          depth++;
        } else if (c == '>') {
          depth--;
        } else if (c == ')') {
          if (depth == 0) {
            break;
          }
          depth--;
        } else if (c == ',' && depth == 0) {
          components.add(current.toString());
          current.setLength(0);
          continue;
        }
      }
      current.append(c);
    }
    if (!current.toString().isBlank()) {
      components.add(current.toString());
    }
    return components;
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
