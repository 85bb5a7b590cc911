package dev.warden.agent.policy;

import dev.warden.agent.model.Mode;
import dev.warden.agent.policy.Json.JsonArray;
import dev.warden.agent.policy.Json.JsonObject;
import dev.warden.agent.policy.Json.JsonString;
import dev.warden.agent.policy.Json.Member;
import dev.warden.agent.policy.Json.Value;
import java.util.ArrayList;
import java.util.List;

/** Checks the parsed JSON against the policy format and compiles each section. */
final class PolicyReader {
  private static final List<String> TOP_LEVEL_KEYS =
      List.of("mode", "network", "file", "process", "library");
  private static final List<String> ALLOW_KEYS = List.of("allow");
  private static final List<String> FILE_KEYS = List.of("read", "write");

  private final String fileName;

  private PolicyReader(String fileName) {
    this.fileName = fileName;
  }

  static Policy read(String fileName, Value document) throws PolicyException {
    return new PolicyReader(fileName).policy(document);
  }

  private Policy policy(Value document) throws PolicyException {
    if (!(document instanceof JsonObject)) {
      throw error(
          document,
          "a policy is a JSON object, like {\"mode\": \"enforce\", \"file\": {\"read\":"
              + " [\"/var/task/**\"]}}; found "
              + document.kind());
    }
    JsonObject top = (JsonObject) document;
    checkKeys(top, TOP_LEVEL_KEYS, "at the top level");
    Mode mode = null;
    Member modeMember = top.members().get("mode");
    if (modeMember != null) {
      Value value = modeMember.value();
      mode = value instanceof JsonString ? Mode.parse(((JsonString) value).value()) : null;
      if (mode == null) {
        throw error(
            value,
            "\"mode\" must be \"monitor\", \"enforce\" or \"learn\"; found " + describe(value));
      }
    }
    NetworkAllowlist network = null;
    JsonObject networkSection = section(top, "network", ALLOW_KEYS);
    if (networkSection != null) {
      JsonArray list = requiredList(networkSection, "network", "allow", "no connections");
      network = NetworkAllowlist.compile(strings(list, "network.allow"), entryErrors(list));
    }
    PathAllowlist fileRead = null;
    PathAllowlist fileWrite = null;
    JsonObject fileSection = section(top, "file", FILE_KEYS);
    if (fileSection != null) {
      if (fileSection.members().isEmpty()) {
        throw error(
            fileSection,
            "\"file\" needs a \"read\" or \"write\" list (or both); an empty list allows nothing");
      }
      fileRead = pathList(fileSection, "file", "read");
      fileWrite = pathList(fileSection, "file", "write");
    }
    PathAllowlist process = allowSection(top, "process", "no process");
    PathAllowlist library = allowSection(top, "library", "no native library");
    return new Policy(mode, network, fileRead, fileWrite, process, library);
  }

  private PathAllowlist allowSection(JsonObject top, String name, String emptyMeans)
      throws PolicyException {
    JsonObject section = section(top, name, ALLOW_KEYS);
    if (section == null) {
      return null;
    }
    requiredList(section, name, "allow", emptyMeans);
    return pathList(section, name, "allow");
  }

  private PathAllowlist pathList(JsonObject section, String sectionName, String key)
      throws PolicyException {
    Member member = section.members().get(key);
    if (member == null) {
      return null;
    }
    JsonArray list = list(member.value(), sectionName + "." + key);
    return PathAllowlist.compile(strings(list, sectionName + "." + key), entryErrors(list));
  }

  /** The section object, or null when absent; wrong type and unknown keys are errors. */
  private JsonObject section(JsonObject top, String name, List<String> allowedKeys)
      throws PolicyException {
    Member member = top.members().get(name);
    if (member == null) {
      return null;
    }
    Value value = member.value();
    if (!(value instanceof JsonObject)) {
      throw error(
          value,
          "\""
              + name
              + "\" must be an object, like \""
              + name
              + "\": {\""
              + String.join("\": [...], \"", allowedKeys)
              + "\": [...]"
              + "}; found "
              + value.kind());
    }
    JsonObject section = (JsonObject) value;
    checkKeys(section, allowedKeys, "in \"" + name + "\"");
    return section;
  }

  private JsonArray requiredList(
      JsonObject section, String sectionName, String key, String emptyMeans)
      throws PolicyException {
    Member member = section.members().get(key);
    if (member == null) {
      throw error(
          section,
          "\""
              + sectionName
              + "\" needs an \""
              + key
              + "\" list; write \""
              + key
              + "\": [] to allow "
              + emptyMeans
              + ", or remove the section to have no policy about it");
    }
    return list(member.value(), sectionName + "." + key);
  }

  private JsonArray list(Value value, String listName) throws PolicyException {
    if (!(value instanceof JsonArray)) {
      String hint =
          value instanceof JsonString
              ? " (put the entry in brackets: [" + quote(((JsonString) value).value()) + "])"
              : "";
      throw error(
          value, "\"" + listName + "\" must be a list of strings; found " + value.kind() + hint);
    }
    return (JsonArray) value;
  }

  private List<String> strings(JsonArray list, String listName) throws PolicyException {
    List<String> strings = new ArrayList<>(list.elements().size());
    for (Value element : list.elements()) {
      if (!(element instanceof JsonString)) {
        throw error(
            element, "\"" + listName + "\" entries must be strings; found " + element.kind());
      }
      String text = ((JsonString) element).value();
      if (text.isEmpty()) {
        throw error(element, "empty entry in \"" + listName + "\"");
      }
      if (!text.strip().equals(text)) {
        throw error(
            element,
            "entry " + quote(text) + " in \"" + listName + "\" has leading or trailing spaces");
      }
      strings.add(text);
    }
    return strings;
  }

  private PathAllowlist.EntryErrorSink entryErrors(JsonArray list) {
    return new PathAllowlist.EntryErrorSink() {
      @Override
      public PolicyException at(int entryIndex, String problem) {
        return error(list.elements().get(entryIndex), problem);
      }
    };
  }

  private void checkKeys(JsonObject object, List<String> allowed, String where)
      throws PolicyException {
    for (Member member : object.members().values()) {
      String key = member.key().value();
      if (!allowed.contains(key)) {
        String suggestion = closest(key, allowed);
        throw error(
            member.key(),
            "unknown key "
                + quote(key)
                + " "
                + where
                + (suggestion != null ? "; did you mean " + quote(suggestion) + "?" : "")
                + " (known keys: "
                + String.join(", ", allowed)
                + ")");
      }
    }
  }

  /** The known key within edit distance 2, for typos like "netwrok". */
  private static String closest(String key, List<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : candidates) {
      int distance = editDistance(key.toLowerCase(java.util.Locale.ROOT), candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String describe(Value value) {
    return value instanceof JsonString ? quote(((JsonString) value).value()) : value.kind();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private PolicyException error(Value at, String problem) {
    return new PolicyException(fileName, at.line(), at.column(), problem);
  }
}
