package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.quant.QuantizerSteps;

/**
 * A network's LSQ quantizers ({@link LsqQuantizer} at every place of SPEC §3, named in network
 * order, e.g. by {@code QuantizerSteps.names} or {@code EncoderSite.names}) with one learnable step
 * per quantizer, and optional per-tensor weight quantization ({@link WeightQuantizer}).
 *
 * <p>State: the steps (scalar arrays owned by this object's manager, by original quantizer name).
 * A quantization made by {@link #calibrating} has no steps yet; the first forward pass sets each
 * quantizer's step from the activations it sees (LSQ's initialisation, SPEC §2), quantizer after
 * quantizer, and then they stay fixed until trained. {@link #fixed} starts from given steps.
 */
public final class LsqQuantization implements Quantization, AutoCloseable {
  /** Smallest step kept after an update: SPEC §2 requires {@code s > 0}. */
  static final double MIN_STEP = 1e-8;

  private final List<String> names;
  private final int level;
  private final int weightBits;
  private final DataType dataType;
  private final NDManager manager;
  private final Map<String, NDArray> steps = new LinkedHashMap<>();
  private CodeListener codeListener;

  /** Receives a quantizer's integer codes during a forward pass (tests, diagnostics). */
  @FunctionalInterface
  interface CodeListener {
    /** {@code codes} is an int32 array of the quantizer input's shape, valid during the call only. */
    void codes(String name, NDArray codes);
  }

  private LsqQuantization(NDManager parent, List<String> names, int level, int weightBits, DataType dataType) {
    if (level < 2 || level % 2 != 0) {
      throw new IllegalArgumentException("level must be even and at least 2, got " + level);
    }
    if (weightBits != 0 && (weightBits < 2 || weightBits > 24)) {
      throw new IllegalArgumentException("weight bits must be 0 (float weights) or in [2, 24], got " + weightBits);
    }
    this.names = List.copyOf(names);
    this.level = level;
    this.weightBits = weightBits;
    this.dataType = dataType;
    this.manager = parent.newSubManager();
  }

  /**
   * Quantizers whose steps the next forward pass initialises.
   *
   * @param weightBits 0 for float weights, else the bits of per-tensor weight quantization
   */
  public static LsqQuantization calibrating(NDManager parent, List<String> names, int level, int weightBits) {
    return new LsqQuantization(parent, names, level, weightBits, DataType.FLOAT32);
  }

  /** Quantizers with the given steps, in {@code dataType} (float32 or float64). */
  public static LsqQuantization fixed(NDManager parent, List<String> names, QuantizerSteps steps, int level,
      int weightBits, DataType dataType) {
    LsqQuantization q = new LsqQuantization(parent, names, level, weightBits, dataType);
    for (String name : q.names) {
      q.put(name, steps.step(name));
    }
    return q;
  }

  private void put(String name, double step) {
    NDArray s = dataType == DataType.FLOAT64
        ? manager.create(step)
        : manager.create((float) step);
    s.setName(name + ".s");
    steps.put(name, s);
  }

  public int level() {
    return level;
  }

  /** 0 for float weights, else the bits of per-tensor weight quantization. */
  public int weightBits() {
    return weightBits;
  }

  /** Whether every quantizer has its step. */
  public boolean calibrated() {
    return steps.size() == names.size();
  }

  /** The step arrays by quantizer name (for the optimizer). */
  Map<String, NDArray> stepArrays() {
    return Collections.unmodifiableMap(steps);
  }

  /** Makes every step a leaf that collects gradients. */
  void requireGradients() {
    if (!calibrated()) {
      throw new IllegalStateException("steps must be initialised by a forward pass before training, have "
          + steps.size() + " of " + names.size());
    }
    for (NDArray s : steps.values()) {
      s.setRequiresGradient(true);
    }
  }

  /** Raises any step below {@link #MIN_STEP} to it. */
  void keepStepsPositive() {
    for (NDArray s : steps.values()) {
      if (!(NdValues.scalar(s) >= MIN_STEP)) {
        if (dataType == DataType.FLOAT64) {
          s.set(new double[] {MIN_STEP});
        } else {
          s.set(new float[] {(float) MIN_STEP});
        }
      }
    }
  }

  void setCodeListener(CodeListener listener) {
    this.codeListener = listener;
  }

  /** The current steps, in network order. */
  public QuantizerSteps toSteps() {
    if (!calibrated()) {
      throw new IllegalStateException("only " + steps.size() + " of " + names.size() + " steps are initialised");
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (String name : names) {
      values.put(name, NdValues.scalar(steps.get(name)));
    }
    return new QuantizerSteps(values);
  }

  @Override
  public NDArray activation(String name, boolean signed, NDArray x) {
    NDArray s = steps.get(name);
    if (s == null) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException("no quantizer named '" + name + "'");
      }
      put(name, LsqQuantizer.initialStep(x, level, signed));
      s = steps.get(name);
    }
    if (codeListener != null) {
      try (NDArray codes = LsqQuantizer.codes(x, s, level, signed)) {
        codeListener.codes(name, codes);
      }
    }
    return LsqQuantizer.apply(x, s, level, signed);
  }

  @Override
  public NDArray weight(NDArray w) {
    return weightBits == 0 ? w : WeightQuantizer.apply(w, weightBits);
  }

  @Override
  public boolean quantizesActivations() {
    return true;
  }

  @Override
  public boolean quantizesWeights() {
    return weightBits != 0;
  }

  @Override
  public void close() {
    manager.close();
  }
}
