package org.spikezip.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.CheckedTensors;
import org.spikezip.io.TensorStore;
import org.spikezip.io.TrackingTensorStore;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.model.LayerNormWeights;
import org.spikezip.model.LinearWeights;
import org.spikezip.model.VitConfig;
import org.spikezip.quant.ExactLinear;
import org.spikezip.quant.PatchProjection;
import org.spikezip.quant.QannCheckpoint;
import org.spikezip.quant.QuantSite;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.quant.WeightPrecision;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * A {@link SpikingVit} as one safetensors file, so that it can be simulated without its QANN
 * checkpoint. Format {@value #FORMAT}; every value is stored exactly (F64, bounds I32):
 *
 * <pre>
 * metadata   format, config (the ViT config JSON), level (L), weights (grid, int8, ...)
 * patch_embed.proj.weight [dim, inChans*patch*patch], .bias [dim]    the patch convolution
 * cls_token [dim], pos_embed [tokens, dim]
 * &lt;quantizer&gt;.threshold [], .bounds [2] (min, max)                every neuron layer, named after
 *                                                                  the quantizer it replaced
 * &lt;layer&gt;.mantissas [out, in], .grid_scale [], .bias [out]          blocks.N.attn.{q,k,v,proj},
 *                                                                  blocks.N.mlp.{fc1,fc2}, head
 * &lt;norm&gt;.weight [dim], .bias [dim], .eps []                         blocks.N.norm1, .norm2, norm
 * blocks.N.attn.score_scale [], blocks.N.attn.attention_value_scale []
 * </pre>
 *
 * <p>Reading checks the metadata and every tensor's presence, shape and values, refuses tensors the
 * network does not use, and checks that the network is the conversion of a QANN
 * ({@link Converter#equivalentQann}); any failure is a one-line {@link MalformedWeightsException}
 * naming the file and the tensor.
 */
public final class SpikingVitFile {
  /** The metadata {@code format} value of this layout. */
  public static final String FORMAT = "spikezip-snn-v1";

  private static final String PATCH = "patch_embed.proj";
  private static final String CLS = "cls_token";
  private static final String POS = "pos_embed";
  private static final String NORM = "norm";
  private static final String HEAD = "head";

  private final TensorStore store;
  private final VitConfig config;
  private final int level;

  private SpikingVitFile(TensorStore store, VitConfig config, int level) {
    this.store = store;
    this.config = config;
    this.level = level;
  }

  /** Writes {@code net} to {@code file}, atomically (see {@link SafetensorsWriter}). */
  public static void write(Path file, SpikingVit net) throws IOException {
    VitConfig c = net.config();
    Map<String, Tensor> t = new LinkedHashMap<>();
    LinearWeights patch = net.patchEmbed().weights();
    t.put(PATCH + ".weight", Tensor.wrap(Shape.of(patch.out(), patch.in()), patch.weight().clone()));
    t.put(PATCH + ".bias", vector(patch.bias()));
    putNeurons(t, net.patchNeurons());
    t.put(CLS, vector(net.clsToken()));
    t.put(POS, Tensor.wrap(Shape.of(c.numTokens(), c.embedDim()), net.posEmbed()));
    for (int b = 0; b < net.blocks().size(); b++) {
      SpikingBlock sb = net.blocks().get(b);
      String p = blockPrefix(b);
      putLayerNorm(t, p + "norm1", sb.norm1());
      putLinear(t, p + "attn.q", sb.q());
      putLinear(t, p + "attn.k", sb.k());
      putLinear(t, p + "attn.v", sb.v());
      t.put(p + "attn.score_scale", Tensor.scalar(sb.scoreScale()));
      t.put(p + "attn.attention_value_scale", Tensor.scalar(sb.attentionValueScale()));
      putLinear(t, p + "attn.proj", sb.proj());
      putLayerNorm(t, p + "norm2", sb.norm2());
      putLinear(t, p + "mlp.fc1", sb.fc1());
      putLinear(t, p + "mlp.fc2", sb.fc2());
      for (QuantSite site : QuantSite.values()) {
        putNeurons(t, sb.neurons(site));
      }
    }
    putLayerNorm(t, NORM, net.norm());
    putNeurons(t, net.normNeurons());
    putLinear(t, HEAD, net.head());
    SafetensorsWriter.write(file, t, Map.of(
        "format", FORMAT,
        "config", c.toJson(),
        "level", Integer.toString(net.level()),
        "weights", net.precision().toString()));
  }

  /** Reads the network in {@code file}. */
  public static SpikingVit read(Path file) throws SpikezipException {
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      return read(store);
    }
  }

  /**
   * Reads the network in {@code store}.
   *
   * @throws MalformedWeightsException if the metadata, a tensor or the network's consistency is wrong
   * @throws SpikezipException also if the stored config is invalid or not supported
   */
  public static SpikingVit read(TensorStore store) throws SpikezipException {
    Map<String, String> meta = store.metadata();
    String format = meta.get("format");
    if (!FORMAT.equals(format)) {
      throw new MalformedWeightsException(store.source() + ": not a spikezip SNN file (metadata format is "
          + (format == null ? "absent" : "'" + format + "'") + ", expected '" + FORMAT
          + "'; write one with 'spikezip convert')");
    }
    VitConfig config = VitConfig.fromJson(metadata(store, "config"), store.source() + " metadata 'config'");
    QuantizedVit.checkSupported(config);
    int level = level(store);
    WeightPrecision precision;
    try {
      precision = WeightPrecision.parse(metadata(store, "weights"));
    } catch (IllegalArgumentException e) {
      throw new MalformedWeightsException(store.source() + ": metadata 'weights': " + e.getMessage());
    }
    TrackingTensorStore tracked = new TrackingTensorStore(store);
    SpikingVit net = new SpikingVitFile(tracked, config, level).network(precision);
    if (!tracked.unread().isEmpty()) {
      throw new MalformedWeightsException(store.source() + ": unexpected tensor '"
          + tracked.unread().iterator().next() + "', which a spiking ViT of the stored config does not have");
    }
    try {
      Converter.equivalentQann(net);
    } catch (IllegalArgumentException e) {
      throw new MalformedWeightsException(store.source() + ": inconsistent network: " + e.getMessage());
    }
    return net;
  }

  private SpikingVit network(WeightPrecision precision) throws MalformedWeightsException {
    VitConfig c = config;
    int d = c.embedDim();
    LinearWeights patch = new LinearWeights(d, c.patchVolume(),
        values(PATCH + ".weight", d, c.patchVolume()), values(PATCH + ".bias", d));
    NeuronParams patchNeurons = neurons(QuantSite.PATCH_EMBED);
    double[] cls = values(CLS, d);
    double[] pos = values(POS, c.numTokens(), d);
    List<SpikingBlock> blocks = new ArrayList<>();
    for (int b = 0; b < c.depth(); b++) {
      blocks.add(readBlock(b));
    }
    NeuronParams normNeurons = neurons(QuantSite.FINAL_NORM);
    return new SpikingVit(c, level, precision, new PatchProjection(c, patch), patchNeurons, cls, pos, blocks,
        layerNorm(NORM), normNeurons, linear(HEAD, c.numClasses(), d, normNeurons));
  }

  private SpikingBlock readBlock(int b) throws MalformedWeightsException {
    int d = config.embedDim();
    int h = config.mlpHidden();
    String p = blockPrefix(b);
    NeuronParams norm1 = neurons(QuantSite.NORM1.name(b));
    NeuronParams attnValue = neurons(QuantSite.ATTN_V.name(b));
    NeuronParams norm2 = neurons(QuantSite.NORM2.name(b));
    NeuronParams act = neurons(QuantSite.ACT.name(b));
    return new SpikingBlock(
        layerNorm(p + "norm1"), norm1,
        linear(p + "attn.q", d, d, norm1), linear(p + "attn.k", d, d, norm1), linear(p + "attn.v", d, d, norm1),
        neurons(QuantSite.Q.name(b)), neurons(QuantSite.K.name(b)), neurons(QuantSite.V.name(b)),
        positive(p + "attn.score_scale"), neurons(QuantSite.ATTN.name(b)),
        positive(p + "attn.attention_value_scale"), attnValue,
        linear(p + "attn.proj", d, d, attnValue), neurons(QuantSite.PROJ.name(b)),
        layerNorm(p + "norm2"), norm2,
        linear(p + "mlp.fc1", h, d, norm2), act,
        linear(p + "mlp.fc2", d, h, act), neurons(QuantSite.FC2.name(b)));
  }

  private NeuronParams neurons(String name) throws MalformedWeightsException {
    double threshold = positive(name + ".threshold");
    String boundsName = name + ".bounds";
    double[] bounds = values(boundsName, 2);
    for (double v : bounds) {
      if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
        throw malformed(boundsName, "holds " + v + ", expected whole numbers");
      }
    }
    try {
      NeuronParams n = new NeuronParams(name, threshold, (int) bounds[0], (int) bounds[1]);
      n.quantizer(level);
      return n;
    } catch (IllegalArgumentException e) {
      throw malformed(boundsName, e.getMessage());
    }
  }

  private ExactLinear linear(String prefix, int out, int in, NeuronParams input) throws MalformedWeightsException {
    double[] mantissas = values(prefix + ".mantissas", out, in);
    double gridScale = positive(prefix + ".grid_scale");
    double[] bias = values(prefix + ".bias", out);
    try {
      return ExactLinear.fromMantissas(out, in, mantissas, gridScale, bias, input.quantizer(level));
    } catch (IllegalArgumentException e) {
      throw malformed(prefix + ".mantissas", e.getMessage());
    }
  }

  private LayerNormWeights layerNorm(String prefix) throws MalformedWeightsException {
    int d = config.embedDim();
    return new LayerNormWeights(values(prefix + ".weight", d), values(prefix + ".bias", d), positive(prefix + ".eps"));
  }

  private double positive(String name) throws MalformedWeightsException {
    double v = values(name)[0];
    if (!(v > 0)) {
      throw malformed(name, "is " + v + ", expected a positive number");
    }
    return v;
  }

  private double[] values(String name, int... dims) throws MalformedWeightsException {
    return CheckedTensors.read(store, name, "a spiking ViT of the stored config", dims).toArray();
  }

  private MalformedWeightsException malformed(String tensor, String problem) {
    return new MalformedWeightsException(store.source() + ": tensor '" + tensor + "' " + problem);
  }

  private static int level(TensorStore store) throws MalformedWeightsException {
    String text = metadata(store, "level");
    try {
      int level = Integer.parseInt(text.trim());
      if (level >= 2 && level <= QannCheckpoint.MAX_LEVEL && level % 2 == 0) {
        return level;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new MalformedWeightsException(store.source() + ": metadata 'level' is '" + text
        + "', expected an even whole number from 2 to " + QannCheckpoint.MAX_LEVEL);
  }

  private static String metadata(TensorStore store, String key) throws MalformedWeightsException {
    String v = store.metadata().get(key);
    if (v == null) {
      throw new MalformedWeightsException(store.source() + ": metadata lacks '" + key + "'");
    }
    return v;
  }

  private static String blockPrefix(int b) {
    return "blocks." + b + ".";
  }

  private static void putNeurons(Map<String, Tensor> t, NeuronParams n) {
    t.put(n.name() + ".threshold", Tensor.scalar(n.threshold()));
    t.put(n.name() + ".bounds", Tensor.wrap(Shape.of(2), new double[] {n.min(), n.max()}, DType.I32));
  }

  private static void putLinear(Map<String, Tensor> t, String prefix, ExactLinear lin) {
    t.put(prefix + ".mantissas", Tensor.wrap(Shape.of(lin.out(), lin.in()), lin.mantissas()));
    t.put(prefix + ".grid_scale", Tensor.scalar(lin.gridScale()));
    t.put(prefix + ".bias", vector(lin.biases()));
  }

  private static void putLayerNorm(Map<String, Tensor> t, String prefix, LayerNormWeights ln) {
    t.put(prefix + ".weight", vector(ln.gamma()));
    t.put(prefix + ".bias", vector(ln.beta()));
    t.put(prefix + ".eps", Tensor.scalar(ln.eps()));
  }

  private static Tensor vector(double[] v) {
    return Tensor.wrap(Shape.of(v.length), v);
  }
}
