package org.spikezip.io;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * A view of a {@link TensorStore} that remembers which tensors were read, so that a loader can tell
 * the user about tensors no part of the model used (often a sign of a config that does not match
 * the checkpoint). Closing it leaves the underlying store open.
 */
public final class TrackingTensorStore implements TensorStore {
  private final TensorStore store;
  private final Set<String> read = ConcurrentHashMap.newKeySet();

  public TrackingTensorStore(TensorStore store) {
    this.store = store;
  }

  /** The names of the tensors never read through this view, in file order. */
  public Set<String> unread() {
    Set<String> unread = new LinkedHashSet<>(store.names());
    unread.removeAll(read);
    return unread;
  }

  @Override
  public String source() {
    return store.source();
  }

  @Override
  public Set<String> names() {
    return store.names();
  }

  @Override
  public boolean contains(String name) {
    return store.contains(name);
  }

  @Override
  public Shape shape(String name) throws MalformedWeightsException {
    return store.shape(name);
  }

  @Override
  public Tensor tensor(String name) throws MalformedWeightsException {
    Tensor t = store.tensor(name);
    read.add(name);
    return t;
  }

  @Override
  public Map<String, String> metadata() {
    return store.metadata();
  }

  /** Does nothing: the underlying store belongs to the caller. */
  @Override
  public void close() {}
}
