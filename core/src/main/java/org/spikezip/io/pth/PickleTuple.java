package org.spikezip.io.pth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A Python tuple from a pickle: a fixed list of values ({@code null} stands for None). */
record PickleTuple(List<Object> items) {

  PickleTuple {
    items = Collections.unmodifiableList(new ArrayList<>(items));
  }

  static PickleTuple of(Object... items) {
    List<Object> list = new ArrayList<>(items.length);
    Collections.addAll(list, items);
    return new PickleTuple(list);
  }

  int size() {
    return items.size();
  }

  Object get(int index) {
    return items.get(index);
  }
}
