package org.spikezip.data;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.spikezip.error.InvalidInputException;
import org.spikezip.io.TextQuoting;

/**
 * Streams a JSON array of labelled texts, {@code [{"text": "...", "class": 1}, ...]} with the field
 * names of a {@link Format}, item by item (the array is never held as a tree), plain or gzip.
 *
 * <p>Each item is an object with a string field and an integer label field in {@code [0,
 * classCount)}; other fields are ignored. A format may allow a last item whose label is JSON
 * {@code null}, a placeholder that is skipped; a null label anywhere else is an error. Errors are
 * {@link InvalidInputException}s naming the file and the item's 0-based index.
 */
final class JsonTextArray {
  private static final String LENIENCY_ADVICE =
      "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON";
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  /**
   * How one dataset writes its items.
   *
   * @param textField the name of the string field
   * @param labelField the name of the integer label field
   * @param classCount labels lie in {@code [0, classCount)}
   * @param skipsNullLast whether a last item with a null label is a placeholder to skip
   */
  record Format(String textField, String labelField, int classCount, boolean skipsNullLast) {
    String describe() {
      return "{\"" + textField + "\": string, \"" + labelField + "\": 0.." + (classCount - 1)
          + "}";
    }
  }

  private JsonTextArray() {}

  /**
   * Adds the items of {@code file} to {@code out}, at most {@code limit} of them ({@code limit <= 0}
   * means all). The content after the array is checked only when the whole array is read.
   */
  static void read(Path file, Format format, int limit, TextCollector out)
      throws InvalidInputException {
    try (JsonReader json = new JsonReader(
        new InputStreamReader(DataFiles.open(file), StandardCharsets.UTF_8))) {
      json.setStrictness(Strictness.STRICT);
      String expected = "expected a JSON array of " + format.describe() + " objects";
      try {
        json.peek();
      } catch (EOFException e) {
        throw new InvalidInputException(file + ": empty file, " + expected, e);
      }
      if (json.peek() != JsonToken.BEGIN_ARRAY) {
        throw new InvalidInputException(file + ": " + expected + ", found " + found(json));
      }
      json.beginArray();
      int wanted = limit <= 0 ? Integer.MAX_VALUE : limit;
      int read = 0;
      int nullItem = -1;
      for (int index = 0; read < wanted && json.hasNext(); index++) {
        if (nullItem >= 0) {
          throw new InvalidInputException(file + " item " + nullItem + ": '" + format.labelField()
              + "' is null, which only the placeholder last item may be");
        }
        Item item = readItem(json, file, index, format);
        if (item.label() == null) {
          nullItem = index;
        } else {
          out.add(item.text(), item.label());
          read++;
        }
      }
      if (read < wanted) {
        json.endArray();
        expectEnd(json, file);
      }
    } catch (MalformedJsonException e) {
      // gson reports a string cut off by the end of the input as "Unterminated string".
      boolean cutOff = e.getMessage() != null && e.getMessage().startsWith("Unterminated string");
      throw new InvalidInputException(
          file + ": " + (cutOff ? "truncated" : "malformed") + " JSON (" + detail(e) + ")", e);
    } catch (EOFException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("End of input")) {
        throw new InvalidInputException(file + ": truncated JSON (" + detail(e) + ")", e);
      }
      throw DataFiles.failure(file, e);
    } catch (IOException e) {
      throw DataFiles.failure(file, e);
    }
  }

  /** Checks that nothing but white space follows the array. */
  private static void expectEnd(JsonReader json, Path file)
      throws IOException, InvalidInputException {
    String expected = file + ": expected the end of the file after the JSON array";
    try {
      if (json.peek() != JsonToken.END_DOCUMENT) {
        throw new InvalidInputException(expected + ", found " + json.peek());
      }
    } catch (MalformedJsonException e) {
      throw new InvalidInputException(expected + " (" + detail(e) + ")", e);
    }
  }

  /**
   * gson's message on one line, without its link to the troubleshooting guide and with its advice
   * to parse leniently said as what it means.
   */
  private static String detail(IOException e) {
    String message = DataFiles.oneLine(e.getMessage())
        .replace(LENIENCY_ADVICE, "syntax error");
    int link = message.indexOf(" See https://github.com/google/gson");
    return link < 0 ? message : message.substring(0, link);
  }

  /** One item: its text and label, the label null for a placeholder. */
  private record Item(String text, Integer label) {}

  private static Item readItem(JsonReader json, Path file, int index, Format format)
      throws IOException, InvalidInputException {
    String where = file + " item " + index + ": ";
    if (json.peek() != JsonToken.BEGIN_OBJECT) {
      throw new InvalidInputException(where + "expected an object " + format.describe()
          + ", found " + found(json));
    }
    json.beginObject();
    String text = null;
    Integer label = null;
    boolean hasLabel = false;
    while (json.hasNext()) {
      String field = json.nextName();
      if (field.equals(format.textField())) {
        if (text != null) {
          throw new InvalidInputException(where + "field '" + field + "' appears twice");
        }
        if (json.peek() != JsonToken.STRING) {
          throw new InvalidInputException(
              where + "'" + field + "' must be a string, found " + found(json));
        }
        text = json.nextString();
      } else if (field.equals(format.labelField())) {
        if (hasLabel) {
          throw new InvalidInputException(where + "field '" + field + "' appears twice");
        }
        hasLabel = true;
        label = readLabel(json, where, format);
      } else {
        json.skipValue();
      }
    }
    json.endObject();
    if (text == null || !hasLabel) {
      throw new InvalidInputException(where + "missing field '"
          + (text == null ? format.textField() : format.labelField()) + "'");
    }
    return new Item(text, label);
  }

  /** The label, or null for a null the format allows. */
  private static Integer readLabel(JsonReader json, String where, Format format)
      throws IOException, InvalidInputException {
    String expected = "'" + format.labelField() + "' must be an integer 0.."
        + (format.classCount() - 1) + ", found ";
    if (json.peek() == JsonToken.NULL && format.skipsNullLast()) {
      json.nextNull();
      return null;
    }
    if (json.peek() != JsonToken.NUMBER) {
      throw new InvalidInputException(where + expected + found(json));
    }
    String number = json.nextString();
    if (!DIGITS.matcher(number).matches() || Integer.parseInt(number) >= format.classCount()) {
      throw new InvalidInputException(where + expected + number);
    }
    return Integer.parseInt(number);
  }

  /** The next value's kind and, for strings, numbers and booleans, the value itself. */
  private static String found(JsonReader json) throws IOException {
    JsonToken token = json.peek();
    switch (token) {
      case STRING:
        return "the string " + TextQuoting.quote(json.nextString());
      case NUMBER:
        return "the number " + json.nextString();
      case BOOLEAN:
        return Boolean.toString(json.nextBoolean());
      case NULL:
        return "null";
      case BEGIN_ARRAY:
        return "an array";
      case BEGIN_OBJECT:
        return "an object";
      default:
        return token.toString();
    }
  }
}
