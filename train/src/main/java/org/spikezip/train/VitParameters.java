package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spikezip.model.LayerNormWeights;
import org.spikezip.model.LinearWeights;
import org.spikezip.model.VitBlockWeights;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.model.WeightNaming;

/**
 * The float parameters of a ViT as DJL arrays under timm's names, owned by one manager.
 *
 * <pre>
 * patch_embed.proj.weight [D, C, p, p]   patch_embed.proj.bias [D]
 * cls_token [1, 1, D]                    pos_embed [1, N, D]
 * blocks.b.norm1.{weight,bias} [D]       blocks.b.attn.qkv.weight [3D, D] (.bias [3D] if qkv_bias)
 * blocks.b.attn.proj.weight [D, D]       blocks.b.norm2.{weight,bias} [D]
 * blocks.b.mlp.fc1.weight [H, D]         blocks.b.mlp.fc2.weight [D, H]   (each with a bias)
 * norm.{weight,bias} [D]                 head.weight [classes, D]          head.bias [classes]
 * </pre>
 *
 * <p>Fresh parameters follow timm's ViT initialisation, drawn in Java from a seed so that a run is
 * reproducible whatever the engine: linear weights and the position embedding from a normal with
 * std 0.02 truncated at two std, the patch convolution (weight and bias) uniform in
 * {@code ±1/sqrt(fan_in)} as PyTorch's default, the cls token normal with std 1e-6, linear biases
 * zero, LayerNorms one and zero.
 */
public final class VitParameters implements ParameterSet {
  private static final WeightNaming NAMES = WeightNaming.TIMM;

  private final VitConfig config;
  private final NDManager manager;
  private final DataType dataType;
  private final Map<String, NDArray> arrays;

  private VitParameters(VitConfig config, NDManager manager, DataType dataType, Map<String, NDArray> arrays) {
    this.config = config;
    this.manager = manager;
    this.dataType = dataType;
    this.arrays = Collections.unmodifiableMap(arrays);
  }

  /** Fresh parameters for {@code config} (float32, timm initialisation from {@code seed}). */
  public static VitParameters initialize(NDManager parent, VitConfig config, long seed) {
    return fromWeights(parent, randomWeights(config, seed), DataType.FLOAT32);
  }

  /** Copies {@code weights} into arrays of {@code dataType} in a sub-manager of {@code parent}. */
  public static VitParameters fromWeights(NDManager parent, VitWeights weights, DataType dataType) {
    if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
      throw new IllegalArgumentException("parameters must be float32 or float64, got " + dataType);
    }
    VitConfig c = weights.config();
    NDManager m = parent.newSubManager();
    Map<String, NDArray> a = new LinkedHashMap<>();
    int d = c.embedDim();
    put(m, a, dataType, NAMES.patchEmbed() + ".weight", weights.patchEmbed().weight(),
        d, c.inChans(), c.patchSize(), c.patchSize());
    put(m, a, dataType, NAMES.patchEmbed() + ".bias", weights.patchEmbed().bias(), d);
    put(m, a, dataType, "cls_token", weights.clsToken(), 1, 1, d);
    put(m, a, dataType, "pos_embed", weights.posEmbed(), 1, c.numTokens(), d);
    for (int b = 0; b < c.depth(); b++) {
      VitBlockWeights w = weights.blocks().get(b);
      layerNorm(m, a, dataType, NAMES.norm1(b), w.norm1());
      linear(m, a, dataType, NAMES.qkv(b), w.qkv(), c.qkvBias());
      linear(m, a, dataType, NAMES.proj(b), w.proj(), true);
      layerNorm(m, a, dataType, NAMES.norm2(b), w.norm2());
      linear(m, a, dataType, NAMES.fc1(b), w.fc1(), true);
      linear(m, a, dataType, NAMES.fc2(b), w.fc2(), true);
    }
    layerNorm(m, a, dataType, NAMES.finalNorm(), weights.norm());
    linear(m, a, dataType, "head", weights.head(), true);
    return new VitParameters(c, m, dataType, a);
  }

  private static void put(NDManager m, Map<String, NDArray> a, DataType type, String name, double[] values,
      int... shape) {
    NDArray array;
    if (type == DataType.FLOAT32) {
      array = m.create(NdValues.toFloats(values), new Shape(toLongs(shape)));
    } else {
      array = m.create(values, new Shape(toLongs(shape)));
    }
    array.setName(name);
    a.put(name, array);
  }

  private static void layerNorm(NDManager m, Map<String, NDArray> a, DataType type, String prefix,
      LayerNormWeights ln) {
    put(m, a, type, prefix + ".weight", ln.gamma(), ln.width());
    put(m, a, type, prefix + ".bias", ln.beta(), ln.width());
  }

  private static void linear(NDManager m, Map<String, NDArray> a, DataType type, String prefix,
      LinearWeights w, boolean hasBias) {
    put(m, a, type, prefix + ".weight", w.weight(), w.out(), w.in());
    if (hasBias) {
      put(m, a, type, prefix + ".bias", w.bias(), w.out());
    }
  }

  private static long[] toLongs(int[] dims) {
    long[] l = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      l[i] = dims[i];
    }
    return l;
  }

  /** timm's initialisation (see the class comment), values rounded to float32. */
  static VitWeights randomWeights(VitConfig c, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int d = c.embedDim();
    double bound = 1.0 / Math.sqrt(c.patchVolume());
    LinearWeights patch = new LinearWeights(d, c.patchVolume(),
        uniform(r, d * c.patchVolume(), bound), uniform(r, d, bound));
    double[] cls = normal(r, d, 1e-6, false);
    double[] pos = normal(r, c.numTokens() * d, 0.02, true);
    List<VitBlockWeights> blocks = new ArrayList<>();
    for (int b = 0; b < c.depth(); b++) {
      blocks.add(new VitBlockWeights(unitNorm(c), dense(r, 3 * d, d), dense(r, d, d), unitNorm(c),
          dense(r, c.mlpHidden(), d), dense(r, d, c.mlpHidden())));
    }
    return new VitWeights(c, patch, cls, pos, blocks, unitNorm(c), dense(r, c.numClasses(), d));
  }

  private static LinearWeights dense(SplittableRandom r, int out, int in) {
    return new LinearWeights(out, in, normal(r, out * in, 0.02, true), new double[out]);
  }

  private static LayerNormWeights unitNorm(VitConfig c) {
    double[] gamma = new double[c.embedDim()];
    java.util.Arrays.fill(gamma, 1.0);
    return new LayerNormWeights(gamma, new double[c.embedDim()], c.lnEps());
  }

  private static double[] uniform(SplittableRandom r, int n, double bound) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextDouble(-bound, bound);
    }
    return v;
  }

  private static double[] normal(SplittableRandom r, int n, double std, boolean truncated) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double z;
      do {
        z = gaussian(r);
      } while (truncated && Math.abs(z) > 2);
      v[i] = (float) (z * std);
    }
    return v;
  }

  /** A standard normal deviate (Marsaglia's polar method). */
  private static double gaussian(SplittableRandom r) {
    double u;
    double w;
    double s;
    do {
      u = r.nextDouble(-1, 1);
      w = r.nextDouble(-1, 1);
      s = u * u + w * w;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }

  public VitConfig config() {
    return config;
  }

  @Override
  public DataType dataType() {
    return dataType;
  }

  /** The manager that owns the arrays. */
  NDManager manager() {
    return manager;
  }

  /** The array named {@code name} (timm naming). */
  public NDArray get(String name) {
    NDArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no parameter '" + name + "'");
    }
    return a;
  }

  /** The array named {@code name}, or null if the model has none (a qkv bias with qkv_bias=false). */
  NDArray getOrNull(String name) {
    return arrays.get(name);
  }

  /** Every parameter by timm name, in checkpoint order. */
  @Override
  public Map<String, NDArray> all() {
    return arrays;
  }

  /** The current values as core weights (doubles). */
  public VitWeights toWeights() {
    int d = config.embedDim();
    List<VitBlockWeights> blocks = new ArrayList<>();
    for (int b = 0; b < config.depth(); b++) {
      blocks.add(new VitBlockWeights(norm(NAMES.norm1(b)), dense(NAMES.qkv(b)), dense(NAMES.proj(b)),
          norm(NAMES.norm2(b)), dense(NAMES.fc1(b)), dense(NAMES.fc2(b))));
    }
    return new VitWeights(config,
        new LinearWeights(d, config.patchVolume(), values(NAMES.patchEmbed() + ".weight"),
            values(NAMES.patchEmbed() + ".bias")),
        values("cls_token"), values("pos_embed"), blocks, norm(NAMES.finalNorm()), dense("head"));
  }

  private double[] values(String name) {
    return NdValues.toDoubles(get(name));
  }

  private LayerNormWeights norm(String prefix) {
    return new LayerNormWeights(values(prefix + ".weight"), values(prefix + ".bias"), config.lnEps());
  }

  private LinearWeights dense(String prefix) {
    NDArray w = get(prefix + ".weight");
    int out = (int) w.getShape().get(0);
    int in = (int) w.getShape().get(1);
    double[] bias = arrays.containsKey(prefix + ".bias") ? values(prefix + ".bias") : new double[out];
    return new LinearWeights(out, in, values(prefix + ".weight"), bias);
  }

  @Override
  public void close() {
    manager.close();
  }
}
