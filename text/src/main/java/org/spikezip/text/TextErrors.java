package org.spikezip.text;

/** One-line descriptions of library and I/O failures for {@code InvalidInputException} messages. */
final class TextErrors {
  private TextErrors() {}

  /** The exception's type and message on one line, as {@code Type: message}. */
  static String describe(Exception e) {
    return e.getClass().getSimpleName() + ": " + oneLine(e.getMessage());
  }

  /** {@code message} with line breaks replaced, so that errors stay on one line. */
  static String oneLine(String message) {
    return message == null ? "no detail" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
