package org.spikezip.io.pth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spikezip.error.MalformedWeightsException;

/**
 * Finds the state dict in an unpickled checkpoint. It is the top-level dict if that holds tensors
 * under string keys; otherwise the dict under the first of {@code "state_dict"},
 * {@code "model_state_dict"} or {@code "model"} that does. Nested dicts are not flattened: state
 * dicts are flat, with dotted names. Everything else is described, one line per entry.
 */
final class StateDictLocator {
  private static final List<String> WRAPPER_KEYS = List.of("state_dict", "model_state_dict", "model");
  private static final int MAX_LISTED = 8;

  /** Where the tensors are, what they are called, and what else the checkpoint holds. */
  record Located(String key, Map<String, TensorRef> tensors, List<String> otherEntries) {}

  private StateDictLocator() {}

  static Located locate(Object root, String source) throws MalformedWeightsException {
    if (!(root instanceof Map)) {
      throw new MalformedWeightsException(source + ": the checkpoint holds " + PickleRenderer.render(root)
          + ", not a dict of named tensors"
          + (root instanceof PickleObject ? " (a whole pickled module? save module.state_dict() instead)" : ""));
    }
    Map<?, ?> top = (Map<?, ?>) root;
    if (!hasTensors(top)) {
      for (String key : WRAPPER_KEYS) {
        if (top.get(key) instanceof Map && hasTensors((Map<?, ?>) top.get(key))) {
          List<String> others = new ArrayList<>();
          describeOthers(top, key, others);
          return split(key, (Map<?, ?>) top.get(key), others);
        }
      }
      List<String> entries = new ArrayList<>();
      describeOthers(top, null, entries);
      throw new MalformedWeightsException(source + ": no tensors found: expected a dict of tensors, or one under "
          + "'state_dict', 'model_state_dict' or 'model'; the top level holds " + summary(entries));
    }
    return split("", top, new ArrayList<>());
  }

  private static Located split(String key, Map<?, ?> stateDict, List<String> others) {
    Map<String, TensorRef> tensors = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : stateDict.entrySet()) {
      if (e.getKey() instanceof String && e.getValue() instanceof TensorRef) {
        tensors.put((String) e.getKey(), (TensorRef) e.getValue());
      } else {
        others.add(line(e.getKey(), e.getValue()));
      }
    }
    return new Located(key, tensors, others);
  }

  private static boolean hasTensors(Map<?, ?> dict) {
    return dict.entrySet().stream().anyMatch(e -> e.getKey() instanceof String && e.getValue() instanceof TensorRef);
  }

  private static void describeOthers(Map<?, ?> top, String skippedKey, List<String> out) {
    for (Map.Entry<?, ?> e : top.entrySet()) {
      if (!Objects.equals(e.getKey(), skippedKey)) {
        out.add(line(e.getKey(), e.getValue()));
      }
    }
  }

  private static String summary(List<String> entries) {
    if (entries.isEmpty()) {
      return "nothing";
    }
    int shown = Math.min(entries.size(), MAX_LISTED);
    return String.join("; ", entries.subList(0, shown))
        + (entries.size() > shown ? "; and " + (entries.size() - shown) + " more entries" : "");
  }

  private static String line(Object key, Object value) {
    return (key instanceof String ? (String) key : PickleRenderer.render(key)) + ": " + PickleRenderer.render(value);
  }
}
