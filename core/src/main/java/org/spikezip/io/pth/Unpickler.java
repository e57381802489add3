package org.spikezip.io.pth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.MalformedWeightsException;

/**
 * Runs one pickle program (the binary opcodes of protocols 2 to 5) and returns the value it builds,
 * executing nothing. Python values become Java ones: None is {@code null}, bool {@link Boolean},
 * int {@link Long} (or {@link BigInteger} beyond 64 bits), float {@link Double}, str
 * {@link String}, bytes {@code byte[]}, tuple {@link PickleTuple}, list {@link ArrayList}, dict
 * {@link LinkedHashMap}, set a {@link PickleObject} of {@code builtins.set}. GLOBAL and STACK_GLOBAL
 * yield a {@link PickleGlobal} name, never a class; REDUCE goes to {@link TorchRebuilds}, which
 * rebuilds tensors and records any other call inertly; NEWOBJ, NEWOBJ_EX and OBJ make inert
 * {@link PickleObject} records, which BUILD, APPEND and SETITEM fill. Text opcodes of protocol 0,
 * extension codes and out-of-band buffers are refused.
 *
 * <p>Every error, including exceeding a {@link PickleLimits} bound, is a
 * {@link MalformedWeightsException} naming the source and the byte offset of the opcode.
 */
final class Unpickler {
  private static final int MAX_INT_BYTES = 64;
  private static final long HIGHEST_PROTOCOL = 5;

  private final PickleInput in;
  private final PickleLimits limits;
  private final TorchRebuilds torch;
  private final List<Object> stack = new ArrayList<>();
  private final List<Integer> marks = new ArrayList<>();
  private final Map<Long, Object> memo = new HashMap<>();
  private long pushes;
  private long opcodeStart;

  private Unpickler(PickleInput in, PickleLimits limits, TorchRebuilds torch) {
    this.in = in;
    this.limits = limits;
    this.torch = torch;
  }

  /** Reads one pickle from the current position of {@code in} up to and including its STOP. */
  static Object load(PickleInput in, PickleLimits limits, TorchRebuilds torch) throws MalformedWeightsException {
    in.beginPickle(limits.maxPickleBytes());
    return new Unpickler(in, limits, torch).run();
  }

  private Object run() throws MalformedWeightsException {
    while (true) {
      opcodeStart = in.position();
      int op = in.readByte();
      if (op == '.') {
        if (stack.size() != 1 || !marks.isEmpty()) {
          throw fail("STOP with " + stack.size() + " values and " + marks.size() + " marks left (expected one value)");
        }
        return stack.get(0);
      }
      execute(op);
    }
  }

  private void execute(int op) throws MalformedWeightsException {
    switch (op) {
      case 0x80: // PROTO
        int protocol = in.readByte();
        if (protocol < 2 || protocol > HIGHEST_PROTOCOL) {
          throw fail("pickle protocol " + protocol + " is not supported (2 to " + HIGHEST_PROTOCOL + ")");
        }
        break;
      case 0x95: // FRAME: a length hint only
        in.readLittleEndian(8);
        break;
      case 0x98: // READONLY_BUFFER
        peek();
        break;
      case 'N': push(null); break; // NONE
      case 0x88: push(Boolean.TRUE); break; // NEWTRUE
      case 0x89: push(Boolean.FALSE); break; // NEWFALSE
      case 'J': push((long) (int) in.readLittleEndian(4)); break; // BININT
      case 'K': push(in.readLittleEndian(1)); break; // BININT1
      case 'M': push(in.readLittleEndian(2)); break; // BININT2
      case 0x8a: push(longValue(in.readLittleEndian(1))); break; // LONG1
      case 0x8b: push(longValue((int) in.readLittleEndian(4))); break; // LONG4
      case 'G': push(Double.longBitsToDouble(Long.reverseBytes(in.readLittleEndian(8)))); break; // BINFLOAT
      case 'X': push(utf8(in.readLittleEndian(4))); break; // BINUNICODE
      case 0x8c: push(utf8(in.readLittleEndian(1))); break; // SHORT_BINUNICODE
      case 0x8d: push(utf8(in.readLittleEndian(8))); break; // BINUNICODE8
      case 'T': push(latin1(in.readLittleEndian(4))); break; // BINSTRING
      case 'U': push(latin1(in.readLittleEndian(1))); break; // SHORT_BINSTRING
      case 'B': push(in.readBytes(in.readLittleEndian(4))); break; // BINBYTES
      case 'C': push(in.readBytes(in.readLittleEndian(1))); break; // SHORT_BINBYTES
      case 0x8e: case 0x96: push(in.readBytes(in.readLittleEndian(8))); break; // BINBYTES8, BYTEARRAY8
      case ')': push(PickleTuple.of()); break; // EMPTY_TUPLE
      case 0x85: push(PickleTuple.of(pop())); break; // TUPLE1
      case 0x86: { Object b = pop(); push(PickleTuple.of(pop(), b)); break; } // TUPLE2
      case 0x87: { Object c = pop(); Object b = pop(); push(PickleTuple.of(pop(), b, c)); break; } // TUPLE3
      case 't': push(new PickleTuple(popMark())); break; // TUPLE
      case ']': push(new ArrayList<Object>()); break; // EMPTY_LIST
      case 'l': push(new ArrayList<Object>(popMark())); break; // LIST
      case '}': push(new LinkedHashMap<Object, Object>()); break; // EMPTY_DICT
      case 'd': { List<Object> items = popMark(); push(setItems(new LinkedHashMap<Object, Object>(), items)); break; } // DICT
      case 0x8f: push(new PickleObject(new PickleGlobal("builtins", "set"), List.of())); break; // EMPTY_SET
      case 0x91: push(new PickleObject(new PickleGlobal("builtins", "frozenset"), List.of(popMark()))); break; // FROZENSET
      case 0x90: { List<Object> items = popMark(); append(peek(), items); break; } // ADDITEMS
      case 'a': { Object item = pop(); append(peek(), Collections.singletonList(item)); break; } // APPEND
      case 'e': { List<Object> items = popMark(); append(peek(), items); break; } // APPENDS
      case 's': { Object v = pop(); Object k = pop(); setItems(peek(), pair(k, v)); break; } // SETITEM
      case 'u': { List<Object> items = popMark(); setItems(peek(), items); break; } // SETITEMS
      case '(': mark(); break; // MARK
      case '0': pop(); break; // POP
      case '1': popMark(); break; // POP_MARK
      case '2': push(peek()); break; // DUP
      case 'h': push(memoGet(in.readLittleEndian(1))); break; // BINGET
      case 'j': push(memoGet(in.readLittleEndian(4))); break; // LONG_BINGET
      case 'q': memoPut(in.readLittleEndian(1)); break; // BINPUT
      case 'r': memoPut(in.readLittleEndian(4)); break; // LONG_BINPUT
      case 0x94: memoPut(memo.size()); break; // MEMOIZE
      case 'c': push(new PickleGlobal(in.readLine(), in.readLine())); break; // GLOBAL
      case 0x93: { Object name = pop(); push(stackGlobal(pop(), name)); break; } // STACK_GLOBAL
      case 'R': { Object args = pop(); push(torch.reduce(global(pop(), "REDUCE"), tuple(args, "REDUCE"))); break; } // REDUCE
      case 0x81: { Object args = pop(); push(new PickleObject(global(pop(), "NEWOBJ"), tuple(args, "NEWOBJ").items())); break; } // NEWOBJ
      case 0x92: newObjectEx(); break; // NEWOBJ_EX
      case 'o': { List<Object> items = popMark(); objectFromMark(items); break; } // OBJ
      case 'b': { Object state = pop(); build(peek(), state); break; } // BUILD
      case 'Q': push(torch.persistentLoad(pop())); break; // BINPERSID
      default:
        throw fail(String.format("unsupported or unknown opcode 0x%02x", op)
            + (op >= 0x20 && op < 0x7f ? " ('" + (char) op + "')" : ""));
    }
  }

  private void push(Object value) throws MalformedWeightsException {
    if (++pushes > limits.maxValues()) {
      throw fail("more than " + limits.maxValues() + " values pushed (limit)");
    }
    stack.add(value);
  }

  private Object pop() throws MalformedWeightsException {
    int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
    if (stack.size() <= floor) {
      throw fail("stack underflow");
    }
    return stack.remove(stack.size() - 1);
  }

  private Object peek() throws MalformedWeightsException {
    Object top = pop();
    stack.add(top);
    return top;
  }

  private void mark() throws MalformedWeightsException {
    if (marks.size() >= limits.maxNestingDepth()) {
      throw fail("more than " + limits.maxNestingDepth() + " nested marks (limit)");
    }
    marks.add(stack.size());
  }

  private List<Object> popMark() throws MalformedWeightsException {
    if (marks.isEmpty()) {
      throw fail("no MARK to pop to");
    }
    int start = marks.remove(marks.size() - 1);
    List<Object> top = stack.subList(start, stack.size());
    List<Object> items = new ArrayList<>(top);
    top.clear();
    return items;
  }

  private Object memoGet(long index) throws MalformedWeightsException {
    if (!memo.containsKey(index)) {
      throw fail("memo slot " + index + " is empty");
    }
    return memo.get(index);
  }

  private void memoPut(long index) throws MalformedWeightsException {
    if (memo.size() >= limits.maxMemoEntries() && !memo.containsKey(index)) {
      throw fail("more than " + limits.maxMemoEntries() + " memo entries (limit)");
    }
    memo.put(index, peek());
  }

  private void append(Object target, List<Object> items) throws MalformedWeightsException {
    if (target instanceof ArrayList) {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) target;
      list.addAll(items);
    } else if (target instanceof PickleObject) {
      ((PickleObject) target).listItems().addAll(items);
    } else {
      throw fail("APPEND to " + PickleRenderer.render(target) + ", which is not a list");
    }
  }

  private Object setItems(Object target, List<Object> keysAndValues) throws MalformedWeightsException {
    if (keysAndValues.size() % 2 != 0) {
      throw fail("SETITEMS with an odd number (" + keysAndValues.size() + ") of keys and values");
    }
    Map<Object, Object> dict;
    if (target instanceof LinkedHashMap) {
      @SuppressWarnings("unchecked")
      Map<Object, Object> map = (Map<Object, Object>) target;
      dict = map;
    } else if (target instanceof PickleObject) {
      dict = ((PickleObject) target).dictItems();
    } else {
      throw fail("SETITEM on " + PickleRenderer.render(target) + ", which is not a dict");
    }
    for (int i = 0; i < keysAndValues.size(); i += 2) {
      checkHashable(keysAndValues.get(i), 0);
      dict.put(keysAndValues.get(i), keysAndValues.get(i + 1));
    }
    return target;
  }

  /** Refuses keys Python could not hash (lists, dicts), which also keeps Java's hashCode finite. */
  private void checkHashable(Object key, int depth) throws MalformedWeightsException {
    if (key instanceof PickleTuple) {
      if (depth >= limits.maxNestingDepth()) {
        throw fail("dict key nests tuples deeper than " + limits.maxNestingDepth() + " (limit)");
      }
      for (Object item : ((PickleTuple) key).items()) {
        checkHashable(item, depth + 1);
      }
    } else if (key instanceof List || key instanceof Map) {
      throw fail("unhashable dict key " + PickleRenderer.render(key));
    }
  }

  private void build(Object target, Object state) throws MalformedWeightsException {
    if (target instanceof PickleObject) {
      ((PickleObject) target).setState(state);
    } else if (!(target instanceof Map || target instanceof TensorRef)) {
      // OrderedDict state (a state dict's _metadata) and tensor state carry nothing we read
      throw fail("BUILD on " + PickleRenderer.render(target) + ", which has no state");
    }
  }

  private void newObjectEx() throws MalformedWeightsException {
    Object kwargs = pop();
    Object args = pop();
    List<Object> all = new ArrayList<>(tuple(args, "NEWOBJ_EX").items());
    all.add(kwargs);
    push(new PickleObject(global(pop(), "NEWOBJ_EX"), all));
  }

  private void objectFromMark(List<Object> items) throws MalformedWeightsException {
    if (items.isEmpty()) {
      throw fail("OBJ without a class");
    }
    push(new PickleObject(global(items.get(0), "OBJ"), items.subList(1, items.size())));
  }

  private Object stackGlobal(Object module, Object name) throws MalformedWeightsException {
    if (!(module instanceof String) || !(name instanceof String)) {
      throw fail("STACK_GLOBAL needs two strings, got " + PickleRenderer.render(module) + " and "
          + PickleRenderer.render(name));
    }
    return new PickleGlobal((String) module, (String) name);
  }

  private PickleGlobal global(Object value, String opcode) throws MalformedWeightsException {
    if (!(value instanceof PickleGlobal)) {
      throw fail(opcode + " of " + PickleRenderer.render(value) + ", which is not a global");
    }
    return (PickleGlobal) value;
  }

  private PickleTuple tuple(Object value, String opcode) throws MalformedWeightsException {
    if (!(value instanceof PickleTuple)) {
      throw fail(opcode + " arguments " + PickleRenderer.render(value) + " are not a tuple");
    }
    return (PickleTuple) value;
  }

  private static List<Object> pair(Object key, Object value) {
    List<Object> pair = new ArrayList<>(2);
    pair.add(key);
    pair.add(value);
    return pair;
  }

  /** A LONG1/LONG4 operand: little-endian two's complement of {@code length} bytes. */
  private Object longValue(long length) throws MalformedWeightsException {
    if (length > MAX_INT_BYTES) {
      throw fail("integer of " + length + " bytes (at most " + MAX_INT_BYTES + " supported)");
    }
    byte[] le = in.readBytes(length);
    if (le.length == 0) {
      return 0L;
    }
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    BigInteger value = new BigInteger(be);
    if (value.bitLength() < 64) {
      return value.longValue();
    }
    return value;
  }

  private String utf8(long length) throws MalformedWeightsException {
    return new String(in.readBytes(length), StandardCharsets.UTF_8);
  }

  private String latin1(long length) throws MalformedWeightsException {
    return new String(in.readBytes(length), StandardCharsets.ISO_8859_1);
  }

  private MalformedWeightsException fail(String what) {
    return new MalformedWeightsException(in.source() + ": pickle byte " + opcodeStart + ": " + what);
  }
}
