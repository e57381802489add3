package org.spikezip.quant;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.kernel.CanonicalFunctions;
import org.spikezip.model.Activation;
import org.spikezip.model.ClassifierHead;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.EncoderLayout;
import org.spikezip.model.EncoderLayerWeights;
import org.spikezip.model.EncoderWeights;
import org.spikezip.model.LayerNormWeights;

/**
 * An immutable quantized post-LN encoder classifier (QANN, issue 6):
 *
 * <pre>
 * x_0 = Qemb(LN_emb(word[id] + position[pos(t)] + tokenType[type]))   (analog, computed once)
 * x_{l+1} = layer_l(x_l, mask)                                         ({@link QuantizedEncoderLayer})
 * h = classifier(x_L[0]);  logits = head.readout(h)
 * </pre>
 *
 * The embeddings (with the layout's position ids, {@link EncoderLayout#positionIds}) and the
 * additive padding mask are float functions of the input alone; {@link #embed} and
 * {@link #additiveMask} are the one piece of code the float pass, QANN and SNN evaluate them with.
 * The head's first layer ({@code classifier} or {@code classifier.dense}) is an {@link ExactLinear}
 * on the final quantizer's codes; its readout (identity, or RoBERTa's tanh and out_proj) is the
 * float function {@link ClassifierHead#readout} of that layer's output on the [CLS] row.
 */
public final class QuantizedEncoder {
  /**
   * Added to the scores of padded keys: minus infinity, so that their probability is exactly 0 for
   * any scores (Hugging Face adds the most negative float, whose exp underflows to 0 as well). The
   * [CLS] key is never padding, so every row keeps a finite maximum.
   */
  public static final double MASK_VALUE = Double.NEGATIVE_INFINITY;

  private final EncoderConfig config;
  private final int level;
  private final WeightPrecision precision;
  private final double[] word;
  private final double[] position;
  private final double[] tokenType;
  private final LayerNormWeights embeddingNorm;
  private final Quantizer embeddingQuantizer;
  private final List<QuantizedEncoderLayer> layers;
  private final ExactLinear classifier;
  private final ClassifierHead head;

  /**
   * @param classifier the head's first layer on the final quantizer's codes
   * @param head the float head; only its {@link ClassifierHead#readout} is applied
   */
  public QuantizedEncoder(EncoderConfig config, int level, WeightPrecision precision, double[] word,
      double[] position, double[] tokenType, LayerNormWeights embeddingNorm, Quantizer embeddingQuantizer,
      List<QuantizedEncoderLayer> layers, ExactLinear classifier, ClassifierHead head) {
    this.config = config;
    this.level = level;
    this.precision = precision;
    this.word = word.clone();
    this.position = position.clone();
    this.tokenType = tokenType.clone();
    this.embeddingNorm = embeddingNorm;
    this.embeddingQuantizer = embeddingQuantizer;
    this.layers = List.copyOf(layers);
    this.classifier = classifier;
    this.head = head;
    if (classifier.out() != head.firstLayer().out() || classifier.in() != config.hidden()) {
      throw new IllegalArgumentException("classifier must be " + head.firstLayer().out() + "x" + config.hidden()
          + ", got " + classifier.out() + "x" + classifier.in());
    }
  }

  /** Quantizes a float encoder with the given steps (by the names of {@link #quantizers()}) at {@code level} levels. */
  public static QuantizedEncoder build(EncoderWeights w, QuantizerSteps steps, int level, WeightPrecision precision)
      throws UnsupportedModelException {
    EncoderConfig c = w.config();
    if (c.activation() != Activation.RELU) {
      throw new UnsupportedModelException("feed-forward activation " + c.activation()
          + ": SpikeZIP-TF conversion needs ReLU (fine-tune the model with ReLU first)");
    }
    Quantizer in = new Quantizer(level, true, steps.step(EncoderSite.EMBEDDINGS));
    Quantizer embQ = in;
    List<QuantizedEncoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < c.layers(); l++) {
      EncoderLayerWeights lw = w.layers().get(l);
      Map<EncoderSite, Quantizer> qs = new EnumMap<>(EncoderSite.class);
      for (EncoderSite s : EncoderSite.values()) {
        qs.put(s, new Quantizer(level, s.signed(), steps.step(s.name(l))));
      }
      layers.add(new QuantizedEncoderLayer(
          ExactLinear.of(lw.q(), in, precision),
          ExactLinear.of(lw.k(), in, precision),
          ExactLinear.of(lw.v(), in, precision),
          ExactLinear.of(lw.attnOut(), qs.get(EncoderSite.ATTN_V), precision),
          lw.attnNorm(),
          ExactLinear.of(lw.intermediate(), qs.get(EncoderSite.ATTN_NORM), precision),
          ExactLinear.of(lw.out(), qs.get(EncoderSite.INTER), precision),
          lw.outNorm(),
          qs,
          c.attentionScale()));
      in = qs.get(EncoderSite.OUT_NORM);
    }
    return new QuantizedEncoder(c, level, precision, w.wordEmbeddings(), w.positionEmbeddings(),
        w.tokenTypeEmbeddings(), w.embeddingNorm(), embQ, layers,
        ExactLinear.of(w.head().firstLayer(), in, precision), w.head());
  }

  /**
   * The embedding LayerNorm's output {@code [n, hidden]}:
   * {@code LN_emb((word[id] + position[pos(t)]) + tokenType[type])}, summed in that order, with
   * {@code pos} the layout's position ids.
   *
   * @throws IllegalArgumentException if an id, type or the length is out of range
   */
  public double[] embed(EncoderInput input) {
    return embed(config, word, position, tokenType, embeddingNorm, input);
  }

  /** {@link #embed} for float weights (the float pass). */
  static double[] embed(EncoderWeights w, EncoderInput input) {
    return embed(w.config(), w.wordEmbeddings(), w.positionEmbeddings(), w.tokenTypeEmbeddings(), w.embeddingNorm(),
        input);
  }

  private static double[] embed(EncoderConfig config, double[] word, double[] position, double[] tokenType,
      LayerNormWeights norm, EncoderInput input) {
    int n = input.length();
    int d = config.hidden();
    if (n > config.maxTokens()) {
      throw new IllegalArgumentException("sequence of " + n + " tokens exceeds the " + config.maxTokens()
          + " that max positions " + config.maxPositions() + " allow (" + config.layout() + ")");
    }
    int[] pos = config.layout().positionIds(input.mask());
    double[] sum = new double[n * d];
    for (int t = 0; t < n; t++) {
      int id = input.ids()[t];
      int type = input.tokenTypes()[t];
      if (id < 0 || id >= config.vocabSize()) {
        throw new IllegalArgumentException("token id " + id + " at " + t + " outside vocabulary of " + config.vocabSize());
      }
      if (type < 0 || type >= config.typeVocabSize()) {
        throw new IllegalArgumentException("token type " + type + " at " + t + " outside [0, " + config.typeVocabSize() + ")");
      }
      for (int i = 0; i < d; i++) {
        sum[t * d + i] = (word[id * d + i] + position[pos[t] * d + i]) + tokenType[type * d + i];
      }
    }
    double[] y = new double[n * d];
    for (int t = 0; t < n; t++) {
      CanonicalFunctions.layerNorm(sum, t * d, norm.gamma(), norm.beta(), norm.eps(), y, t * d);
    }
    return y;
  }

  /** The additive score mask per key: 0 for tokens, {@link #MASK_VALUE} for padding. */
  public static double[] additiveMask(int[] mask) {
    double[] m = new double[mask.length];
    for (int j = 0; j < mask.length; j++) {
      m[j] = mask[j] == 1 ? 0.0 : MASK_VALUE;
    }
    return m;
  }

  public EncoderConfig config() {
    return config;
  }

  public int level() {
    return level;
  }

  public WeightPrecision precision() {
    return precision;
  }

  public double[] wordEmbeddings() {
    return word.clone();
  }

  public double[] positionEmbeddings() {
    return position.clone();
  }

  public double[] tokenTypeEmbeddings() {
    return tokenType.clone();
  }

  public LayerNormWeights embeddingNorm() {
    return embeddingNorm;
  }

  public Quantizer embeddingQuantizer() {
    return embeddingQuantizer;
  }

  public List<QuantizedEncoderLayer> layers() {
    return layers;
  }

  /** The head's first layer ({@code classifier} or {@code classifier.dense}) on the final quantizer's codes. */
  public ExactLinear classifier() {
    return classifier;
  }

  /** The float head whose {@link ClassifierHead#readout} turns the classifier's [CLS] output into logits. */
  public ClassifierHead head() {
    return head;
  }

  /** The quantizer feeding the classifier (the last layer's output LayerNorm). */
  public Quantizer finalQuantizer() {
    return layers.get(layers.size() - 1).quantizer(EncoderSite.OUT_NORM);
  }

  /** Every quantizer by name, in network order. */
  public Map<String, Quantizer> quantizers() {
    Map<String, Quantizer> m = new LinkedHashMap<>();
    m.put(EncoderSite.EMBEDDINGS, embeddingQuantizer);
    for (int l = 0; l < layers.size(); l++) {
      for (EncoderSite s : EncoderSite.values()) {
        m.put(s.name(l), layers.get(l).quantizer(s));
      }
    }
    return m;
  }
}
