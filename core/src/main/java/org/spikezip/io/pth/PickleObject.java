package org.spikezip.io.pth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inert record of what a pickle asked to construct or call: the global's name, its arguments,
 * the state BUILD would have set, and items APPENDS/SETITEMS would have added. Nothing is invoked;
 * the record only serves to describe the entry (for example {@code argparse.Namespace(lr=0.1)}).
 */
final class PickleObject {
  private final PickleGlobal global;
  private final List<Object> args;
  private final List<Object> listItems = new ArrayList<>();
  private final Map<Object, Object> dictItems = new LinkedHashMap<>();
  private Object state;

  PickleObject(PickleGlobal global, List<Object> args) {
    this.global = global;
    this.args = new ArrayList<>(args);
  }

  PickleGlobal global() {
    return global;
  }

  List<Object> args() {
    return args;
  }

  /** The state a BUILD opcode gave, or {@code null}. */
  Object state() {
    return state;
  }

  void setState(Object newState) {
    state = newState;
  }

  List<Object> listItems() {
    return listItems;
  }

  Map<Object, Object> dictItems() {
    return dictItems;
  }
}
