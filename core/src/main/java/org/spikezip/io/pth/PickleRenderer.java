package org.spikezip.io.pth;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.spikezip.io.TextQuoting;

/**
 * Renders an unpickled value as short Python-like text for messages and entry descriptions, such as
 * {@code argparse.Namespace(lr=0.1)} or {@code {'lr': 0.1, 'params': [0, 1]}}. Output is cut at a
 * fixed depth, item count and length, so cyclic or huge values render in bounded time.
 */
final class PickleRenderer {
  private static final int MAX_DEPTH = 4;
  private static final int MAX_ITEMS = 6;
  private static final int MAX_CHARS = 160;

  private PickleRenderer() {}

  static String render(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value, MAX_DEPTH);
    return out.length() <= MAX_CHARS ? out.toString() : out.substring(0, MAX_CHARS - 1) + "…";
  }

  private static void append(StringBuilder out, Object value, int depth) {
    if (out.length() > MAX_CHARS) {
      return;
    }
    if (value == null) {
      out.append("None");
    } else if (value instanceof Boolean) {
      out.append((Boolean) value ? "True" : "False");
    } else if (value instanceof Long || value instanceof BigInteger || value instanceof Double) {
      out.append(value);
    } else if (value instanceof String) {
      out.append(TextQuoting.quote((String) value));
    } else if (value instanceof byte[]) {
      out.append("bytes(").append(((byte[]) value).length).append(')');
    } else if (value instanceof PickleGlobal) {
      out.append(((PickleGlobal) value).qualifiedName());
    } else if (value instanceof StorageRef) {
      out.append("storage ").append(((StorageRef) value).dtype()).append('[').append(((StorageRef) value).numel()).append(']');
    } else if (value instanceof TensorRef) {
      out.append("tensor").append(((TensorRef) value).shape()).append(' ').append(((TensorRef) value).storage().dtype());
    } else if (depth == 0) {
      out.append("…");
    } else if (value instanceof PickleTuple) {
      appendItems(out, ((PickleTuple) value).items(), "(", ((PickleTuple) value).size() == 1 ? ",)" : ")", depth);
    } else if (value instanceof List) {
      appendItems(out, (List<?>) value, "[", "]", depth);
    } else if (value instanceof Map) {
      appendEntries(out, (Map<?, ?>) value, "{", ": ", "}", depth);
    } else if (value instanceof PickleObject) {
      appendObject(out, (PickleObject) value, depth);
    } else {
      throw new IllegalStateException("bug: no rendering for " + value.getClass());
    }
  }

  /** {@code name(args, state entries as key=value, appended items, set items)}, the parts present. */
  private static void appendObject(StringBuilder out, PickleObject object, int depth) {
    out.append(object.global().qualifiedName());
    appendItems(out, object.args(), "(", "", depth);
    String separator = object.args().isEmpty() ? "" : ", ";
    if (object.state() instanceof Map) {
      out.append(separator);
      appendEntries(out, (Map<?, ?>) object.state(), "", "=", "", depth);
      separator = ", ";
    } else if (object.state() != null) {
      out.append(separator).append("state=");
      append(out, object.state(), depth - 1);
      separator = ", ";
    }
    if (!object.listItems().isEmpty()) {
      out.append(separator);
      append(out, object.listItems(), depth - 1);
      separator = ", ";
    }
    if (!object.dictItems().isEmpty()) {
      out.append(separator);
      append(out, object.dictItems(), depth - 1);
    }
    out.append(')');
  }

  private static void appendItems(StringBuilder out, List<?> items, String open, String close, int depth) {
    out.append(open);
    int shown = 0;
    for (Object item : items) {
      if (shown == MAX_ITEMS) {
        out.append(", …");
        break;
      }
      out.append(shown++ == 0 ? "" : ", ");
      append(out, item, depth - 1);
    }
    out.append(close);
  }

  private static void appendEntries(
      StringBuilder out, Map<?, ?> entries, String open, String separator, String close, int depth) {
    out.append(open);
    Iterator<? extends Map.Entry<?, ?>> it = entries.entrySet().iterator();
    for (int shown = 0; it.hasNext(); shown++) {
      if (shown == MAX_ITEMS) {
        out.append(", … (").append(entries.size()).append(" entries)");
        break;
      }
      Map.Entry<?, ?> e = it.next();
      out.append(shown == 0 ? "" : ", ");
      if (separator.equals("=") && e.getKey() instanceof String) {
        out.append((String) e.getKey());
      } else {
        append(out, e.getKey(), depth - 1);
      }
      out.append(separator);
      append(out, e.getValue(), depth - 1);
    }
    out.append(close);
  }
}
