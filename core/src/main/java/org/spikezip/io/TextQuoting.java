package org.spikezip.io;

/**
 * Quotes a name or string taken from a file for a one-line error message: in single quotes, with
 * quotes, backslashes, control characters and line separators escaped as Python would print them,
 * and cut after {@link #MAX_CHARS} characters.
 */
public final class TextQuoting {
  /** The most characters of the original text shown. */
  public static final int MAX_CHARS = 160;

  private TextQuoting() {}

  public static String quote(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 2).append('\'');
    for (int i = 0; i < text.length(); i++) {
      if (i == MAX_CHARS) {
        out.append('…');
        break;
      }
      char c = text.charAt(i);
      int type = Character.getType(c);
      if (c == '\\' || c == '\'') {
        out.append('\\').append(c);
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\x%02x", (int) c));
      } else if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('\'').toString();
  }
}
