package org.spikezip.io.pth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;

/**
 * The only Python behaviour the unpickler reproduces: torch's tensor, parameter and storage
 * rebuilds and {@code collections.OrderedDict}. Persistent ids {@code ('storage', type, key,
 * location, numel[, view])} become {@link StorageRef}s; {@code _rebuild_tensor_v2(storage, offset,
 * size, stride, ...)} becomes a bounds-checked {@link TensorRef}; every other call becomes an inert
 * {@link PickleObject}. {@code torch._tensor._rebuild_from_type_v2} of a tensor rebuild counts as that
 * rebuild, and parameters as their tensors. It also records every storage the pickle referred to, by key.
 */
final class TorchRebuilds {
  private static final int MAX_RANK = 64;
  /** The most elements a view may have beyond those of its storage (an expanded view): 2^24. */
  private static final long MAX_EXPANDED_ELEMENTS = 1L << 24;
  private static final Set<String> TENSOR_REBUILDS =
      Set.of("torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2");
  private static final Map<String, DType> STORAGE_TYPES = storageTypes();

  private final String source;
  private final Map<String, StorageRef> storages = new LinkedHashMap<>();

  TorchRebuilds(String source) {
    this.source = source;
  }

  /** Every storage referred to so far (views of one key appear once, as the whole key). */
  Collection<StorageRef> storages() {
    return storages.values();
  }

  /** What REDUCE of {@code function} on {@code args} yields. */
  Object reduce(PickleGlobal function, PickleTuple args) throws MalformedWeightsException {
    switch (function.qualifiedName()) {
      case "torch._utils._rebuild_tensor":
      case "torch._utils._rebuild_tensor_v2":
        return rebuildTensor(args);
      case "torch._tensor._rebuild_from_type_v2":
        // (rebuild function, tensor type, its arguments, python state) for tensors carrying attributes
        if (args.size() >= 3 && args.get(0) instanceof PickleGlobal && args.get(2) instanceof PickleTuple
            && TENSOR_REBUILDS.contains(((PickleGlobal) args.get(0)).qualifiedName())) {
          return rebuildTensor((PickleTuple) args.get(2));
        }
        break;
      case "torch._utils._rebuild_parameter":
      case "torch._utils._rebuild_parameter_with_state":
        if (args.size() >= 1 && args.get(0) instanceof TensorRef) {
          return args.get(0);
        }
        break;
      case "collections.OrderedDict":
        if (args.size() == 0) {
          return new LinkedHashMap<Object, Object>();
        }
        break;
      default:
        break;
    }
    return new PickleObject(function, args.items());
  }

  /** The storage a BINPERSID persistent id names. */
  StorageRef persistentLoad(Object pid) throws MalformedWeightsException {
    if (!(pid instanceof PickleTuple)
        || ((PickleTuple) pid).size() < 5
        || !"storage".equals(((PickleTuple) pid).get(0))) {
      throw fail("persistent id is not ('storage', type, key, location, numel): " + PickleRenderer.render(pid));
    }
    PickleTuple id = (PickleTuple) pid;
    DType dtype = storageType(id.get(1));
    if (!(id.get(2) instanceof String)) {
      throw fail("storage key is not a string: " + PickleRenderer.render(id.get(2)));
    }
    String key = (String) id.get(2);
    long numel = nonNegative(id.get(4), "storage " + PickleRenderer.render(key) + " element count");
    StorageRef whole = new StorageRef(key, dtype, 0, numel);
    StorageRef known = storages.putIfAbsent(key, whole);
    if (known != null && !known.equals(whole)) {
      throw fail("storage " + PickleRenderer.render(key) + " is declared twice, as " + known.dtype() + "[" + known.numel()
          + "] and as " + dtype + "[" + numel + "]");
    }
    Object view = id.size() > 5 ? id.get(5) : null;
    if (view == null) {
      return whole;
    }
    return legacyView(whole, view);
  }

  private StorageRef legacyView(StorageRef whole, Object view) throws MalformedWeightsException {
    if (!(view instanceof PickleTuple) || ((PickleTuple) view).size() != 3) {
      throw fail("storage view of " + PickleRenderer.render(whole.key()) + " is not (key, offset, size): " + PickleRenderer.render(view));
    }
    PickleTuple v = (PickleTuple) view;
    long offset = nonNegative(v.get(1), "storage view offset");
    long numel = nonNegative(v.get(2), "storage view size");
    if (offset > whole.numel() || numel > whole.numel() - offset) {
      throw fail("storage view [" + offset + ", " + offset + " + " + numel + ") lies outside storage "
          + PickleRenderer.render(whole.key()) + " of " + whole.numel() + " elements");
    }
    return new StorageRef(whole.key(), whole.dtype(), offset, numel);
  }

  private TensorRef rebuildTensor(PickleTuple args) throws MalformedWeightsException {
    if (args.size() < 4 || !(args.get(0) instanceof StorageRef)) {
      throw fail("tensor rebuild expects (storage, offset, size, stride, ...), got " + PickleRenderer.render(args));
    }
    StorageRef storage = (StorageRef) args.get(0);
    long offset = nonNegative(args.get(1), "tensor storage offset");
    long[] size = longs(args.get(2), "tensor size");
    long[] stride = longs(args.get(3), "tensor stride");
    if (size.length != stride.length) {
      throw fail("tensor size " + PickleRenderer.render(args.get(2)) + " and stride "
          + PickleRenderer.render(args.get(3)) + " differ in rank");
    }
    long count = 1;
    for (long n : size) {
      if (n > Integer.MAX_VALUE || (count *= n) > Integer.MAX_VALUE) {
        throw fail("tensor of size " + PickleRenderer.render(args.get(2)) + " has more than "
            + Integer.MAX_VALUE + " elements");
      }
    }
    if (count > storage.numel() && count > MAX_EXPANDED_ELEMENTS) {
      throw fail("tensor of size " + PickleRenderer.render(args.get(2)) + " repeats the " + storage.numel()
          + " elements of storage " + PickleRenderer.render(storage.key()) + " (zero or overlapping strides) into "
          + count + " elements, more than the " + MAX_EXPANDED_ELEMENTS + " allowed for such views");
    }
    if (count > 0) {
      checkBounds(storage, offset, size, stride, args);
    }
    return new TensorRef(storage, offset, Shape.ofLongs(size), stride);
  }

  /** Checks that the view's last element, {@code offset + sum((size[k] - 1) * stride[k])}, lies in the storage. */
  private void checkBounds(StorageRef storage, long offset, long[] size, long[] stride, PickleTuple args)
      throws MalformedWeightsException {
    long last = offset;
    try {
      for (int k = 0; k < size.length; k++) {
        last = Math.addExact(last, Math.multiplyExact(size[k] - 1, stride[k]));
      }
    } catch (ArithmeticException e) {
      throw fail("tensor view " + PickleRenderer.render(args) + " overflows 64-bit element offsets");
    }
    if (last >= storage.numel()) {
      throw fail("tensor view (offset " + offset + ", size " + PickleRenderer.render(args.get(2)) + ", stride "
          + PickleRenderer.render(args.get(3)) + ") reaches element " + last + " but storage "
          + PickleRenderer.render(storage.key()) + " holds " + storage.numel() + " elements");
    }
  }

  private DType storageType(Object type) throws MalformedWeightsException {
    DType dtype = type instanceof PickleGlobal ? STORAGE_TYPES.get(((PickleGlobal) type).qualifiedName()) : null;
    if (dtype == null) {
      throw fail("unsupported storage type " + PickleRenderer.render(type)
          + " (supported: Float, Half, BFloat16, Double, Int, Long, Short, Char, Byte, Bool storages)");
    }
    return dtype;
  }

  private long[] longs(Object tuple, String what) throws MalformedWeightsException {
    if (!(tuple instanceof PickleTuple) || ((PickleTuple) tuple).size() > MAX_RANK) {
      throw fail(what + " is not a tuple of at most " + MAX_RANK + " integers: " + PickleRenderer.render(tuple));
    }
    List<Object> items = ((PickleTuple) tuple).items();
    long[] values = new long[items.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = nonNegative(items.get(i), what + "[" + i + "]");
    }
    return values;
  }

  private long nonNegative(Object value, String what) throws MalformedWeightsException {
    if (!(value instanceof Long) || (Long) value < 0) {
      throw fail(what + " must be a non-negative integer, got " + PickleRenderer.render(value));
    }
    return (Long) value;
  }

  private MalformedWeightsException fail(String what) {
    return new MalformedWeightsException(source + ": " + what);
  }

  /** Storage classes ({@code torch.FloatStorage}) and dtype names ({@code torch.float32}) by element type. */
  private static Map<String, DType> storageTypes() {
    Map<String, DType> types = new LinkedHashMap<>();
    addNames(types, DType.F32, "FloatStorage", "float32", "float");
    addNames(types, DType.F16, "HalfStorage", "float16", "half");
    addNames(types, DType.BF16, "BFloat16Storage", "bfloat16");
    addNames(types, DType.F64, "DoubleStorage", "float64", "double");
    addNames(types, DType.I32, "IntStorage", "int32", "int");
    addNames(types, DType.I64, "LongStorage", "int64", "long");
    addNames(types, DType.I16, "ShortStorage", "int16", "short");
    addNames(types, DType.I8, "CharStorage", "int8");
    addNames(types, DType.U8, "ByteStorage", "uint8", "UntypedStorage", "storage.UntypedStorage");
    addNames(types, DType.BOOL, "BoolStorage", "bool");
    return Map.copyOf(types);
  }

  private static void addNames(Map<String, DType> types, DType dtype, String... names) {
    for (String name : names) {
      types.put("torch." + name, dtype);
    }
  }
}
