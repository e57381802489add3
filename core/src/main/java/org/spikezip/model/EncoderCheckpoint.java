package org.spikezip.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.CheckedTensors;
import org.spikezip.io.TensorStore;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * Reads and writes {@link EncoderWeights} in Hugging Face naming ({@code BertForSequenceClassification},
 * {@code RobertaForSequenceClassification}: the same names under the prefix), checking every shape:
 *
 * <pre>
 * {prefix}embeddings.{word,position,token_type}_embeddings.weight, {prefix}embeddings.LayerNorm.{weight,bias}
 * {prefix}encoder.layer.N.attention.self.{query,key,value}.{weight,bias}
 * {prefix}encoder.layer.N.attention.output.{dense,LayerNorm}.{weight,bias}
 * {prefix}encoder.layer.N.intermediate.dense.{weight,bias}
 * {prefix}encoder.layer.N.output.{dense,LayerNorm}.{weight,bias}
 * {prefix}pooler.dense.{weight,bias} (optional)
 * classifier.{weight,bias}                                             ({@link LinearHead}), or
 * classifier.dense.{weight,bias}, classifier.out_proj.{weight,bias}     ({@link DenseTanhHead})
 * </pre>
 *
 * The prefix is the layout's ({@code "bert."}, {@code "roberta."}) for Hugging Face classifiers and
 * empty for bare encoders. The head is the single {@code classifier} whenever
 * {@code classifier.weight} is present (for either layout); otherwise RoBERTa's dense + out_proj,
 * which is also read for BERT when {@code classifier.dense.weight} is present. Every LayerNorm gets
 * the config's eps; the position ids follow the config's {@link EncoderLayout}.
 */
public final class EncoderCheckpoint {
  private static final String CLASSIFIER = "classifier";
  private static final String DENSE = "classifier.dense";
  private static final String OUT_PROJ = "classifier.out_proj";

  private final TensorStore store;
  private final EncoderConfig config;
  private final String prefix;

  private EncoderCheckpoint(TensorStore store, EncoderConfig config, String prefix) {
    this.store = store;
    this.config = config;
    this.prefix = prefix;
  }

  /** Reads the weights of a Hugging Face classifier of {@code config}, under its layout's prefix. */
  public static EncoderWeights read(TensorStore store, EncoderConfig config) throws MalformedWeightsException {
    return read(store, config, config.layout().checkpointPrefix());
  }

  /** Reads the weights of {@code config}; fails on the first missing, mis-shaped or non-finite tensor. */
  public static EncoderWeights read(TensorStore store, EncoderConfig config, String prefix)
      throws MalformedWeightsException {
    return new EncoderCheckpoint(store, config, prefix).read();
  }

  /** The weights as tensors (F64) under the names {@link #read} expects. */
  public static Map<String, Tensor> tensors(EncoderWeights w, String prefix) {
    EncoderConfig c = w.config();
    int d = c.hidden();
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put(prefix + "embeddings.word_embeddings.weight", Tensor.wrap(Shape.of(c.vocabSize(), d), w.wordEmbeddings().clone()));
    t.put(prefix + "embeddings.position_embeddings.weight",
        Tensor.wrap(Shape.of(c.maxPositions(), d), w.positionEmbeddings().clone()));
    t.put(prefix + "embeddings.token_type_embeddings.weight",
        Tensor.wrap(Shape.of(c.typeVocabSize(), d), w.tokenTypeEmbeddings().clone()));
    putLayerNorm(t, prefix + "embeddings.LayerNorm", w.embeddingNorm());
    for (int l = 0; l < c.layers(); l++) {
      EncoderLayerWeights lw = w.layers().get(l);
      String p = prefix + "encoder.layer." + l + ".";
      putLinear(t, p + "attention.self.query", lw.q());
      putLinear(t, p + "attention.self.key", lw.k());
      putLinear(t, p + "attention.self.value", lw.v());
      putLinear(t, p + "attention.output.dense", lw.attnOut());
      putLayerNorm(t, p + "attention.output.LayerNorm", lw.attnNorm());
      putLinear(t, p + "intermediate.dense", lw.intermediate());
      putLinear(t, p + "output.dense", lw.out());
      putLayerNorm(t, p + "output.LayerNorm", lw.outNorm());
    }
    w.pooler().ifPresent(pl -> putLinear(t, prefix + "pooler.dense", pl));
    if (w.head() instanceof DenseTanhHead h) {
      putLinear(t, DENSE, h.dense());
      putLinear(t, OUT_PROJ, h.outProj());
    } else {
      putLinear(t, CLASSIFIER, w.head().firstLayer());
    }
    return t;
  }

  private static void putLinear(Map<String, Tensor> t, String name, LinearWeights lw) {
    t.put(name + ".weight", Tensor.wrap(Shape.of(lw.out(), lw.in()), lw.weight().clone()));
    t.put(name + ".bias", Tensor.wrap(Shape.of(lw.out()), lw.bias().clone()));
  }

  private static void putLayerNorm(Map<String, Tensor> t, String name, LayerNormWeights ln) {
    t.put(name + ".weight", Tensor.wrap(Shape.of(ln.width()), ln.gamma().clone()));
    t.put(name + ".bias", Tensor.wrap(Shape.of(ln.width()), ln.beta().clone()));
  }

  private EncoderWeights read() throws MalformedWeightsException {
    int d = config.hidden();
    int m = config.intermediate();
    double[] word = expect(prefix + "embeddings.word_embeddings.weight", config.vocabSize(), d);
    double[] pos = expect(prefix + "embeddings.position_embeddings.weight", config.maxPositions(), d);
    double[] type = expect(prefix + "embeddings.token_type_embeddings.weight", config.typeVocabSize(), d);
    LayerNormWeights embNorm = layerNorm(prefix + "embeddings.LayerNorm");
    List<EncoderLayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < config.layers(); l++) {
      String p = prefix + "encoder.layer." + l + ".";
      layers.add(new EncoderLayerWeights(
          linear(p + "attention.self.query", d, d),
          linear(p + "attention.self.key", d, d),
          linear(p + "attention.self.value", d, d),
          linear(p + "attention.output.dense", d, d),
          layerNorm(p + "attention.output.LayerNorm"),
          linear(p + "intermediate.dense", m, d),
          linear(p + "output.dense", d, m),
          layerNorm(p + "output.LayerNorm")));
    }
    Optional<LinearWeights> pooler = store.contains(prefix + "pooler.dense.weight")
        ? Optional.of(linear(prefix + "pooler.dense", d, d))
        : Optional.empty();
    return new EncoderWeights(config, word, pos, type, embNorm, layers, pooler, head());
  }

  private ClassifierHead head() throws MalformedWeightsException {
    int d = config.hidden();
    int classes = config.numClasses();
    boolean single = store.contains(CLASSIFIER + ".weight");
    if (!single && (config.layout() == EncoderLayout.ROBERTA || store.contains(DENSE + ".weight"))) {
      return new DenseTanhHead(linear(DENSE, d, d), linear(OUT_PROJ, classes, d));
    }
    return new LinearHead(linear(CLASSIFIER, classes, d));
  }

  private LayerNormWeights layerNorm(String name) throws MalformedWeightsException {
    int d = config.hidden();
    return new LayerNormWeights(expect(name + ".weight", d), expect(name + ".bias", d), config.lnEps());
  }

  private LinearWeights linear(String name, int out, int in) throws MalformedWeightsException {
    return new LinearWeights(out, in, expect(name + ".weight", out, in), expect(name + ".bias", out));
  }

  private double[] expect(String name, int... dims) throws MalformedWeightsException {
    return CheckedTensors.read(store, name, describe(config), dims).toArray();
  }

  /** The config in a few words, for messages. */
  public static String describe(EncoderConfig c) {
    return "an encoder with hidden " + c.hidden() + ", " + c.layers() + " layers, intermediate " + c.intermediate()
        + ", vocabulary " + c.vocabSize() + ", " + c.numClasses() + " classes";
  }
}
