package dev.warden.it.support;

/** Writes JSON strings for the policies tests build. */
public final class Json {
  private Json() {}

  public static String quote(Object value) {
    String s = String.valueOf(value);
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
