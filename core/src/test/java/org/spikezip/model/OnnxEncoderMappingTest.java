package org.spikezip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.io.onnx.OnnxReader;
import org.spikezip.io.onnx.OnnxTensorStore;
import org.spikezip.quant.EncoderFloatPass;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.quant.WeightPrecision;
import org.spikezip.tensor.Tensor;

/**
 * Maps the pretrained all-MiniLM-L6-v2 export (the langchain4j test dependency) onto the encoder's
 * weights. Reference values were read with the onnx Python package (numpy_helper.to_array).
 */
class OnnxEncoderMappingTest {
  @TempDir
  static Path dir;

  private static Path miniLm;

  @BeforeAll
  static void copyModel() throws IOException {
    miniLm = dir.resolve("all-minilm-l6-v2.onnx");
    try (InputStream in = OnnxEncoderMappingTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
      Files.copy(in, miniLm);
    }
  }

  @Test
  void miniLmMapsToSixLayersOfWidth384() throws MalformedWeightsException {
    try (OnnxTensorStore store = OnnxReader.open(miniLm)) {
      EncoderWeights w = OnnxEncoderMapping.read(store, 12, EncoderConfig.BERT_LN_EPS, 2);
      EncoderConfig c = w.config();
      assertThat(c).isEqualTo(new EncoderConfig(30522, 512, 2, 384, 6, 12, 1536, 2, 1e-12, Activation.GELU,
          EncoderLayout.BERT));
      assertThat(w.pooler()).isEmpty();
      assertThat(w.head()).isInstanceOf(LinearHead.class);
      assertThat(w.head().firstLayer().weight()).containsOnly(0.0);

      double[] word = store.tensor("embeddings.word_embeddings.weight").toArray();
      assertThat(Arrays.copyOf(w.wordEmbeddings(), 384)).isEqualTo(Arrays.copyOf(word, 384));
      assertThat(w.wordEmbeddings()[0]).isEqualTo(-0.019989013671875);
      assertThat(w.embeddingNorm().gamma()).isEqualTo(store.tensor("embeddings.LayerNorm.weight").toArray());
      assertThat(w.embeddingNorm().eps()).isEqualTo(1e-12);

      // layer 0 query: MatMul weight onnx::MatMul_787 is [in, out]; ours is [out, in]
      Tensor q = store.tensor("onnx::MatMul_787");
      LinearWeights query = w.layers().get(0).q();
      assertThat(query.out()).isEqualTo(384);
      assertThat(query.weight(7, 5)).isEqualTo(0.11930710822343826).isEqualTo(q.get(5 * 384 + 7));
      assertThat(query.weight(300, 11)).isEqualTo(q.get(11 * 384 + 300));
      assertThat(query.bias()[0]).isEqualTo(-0.1737075299024582);
      // layer 5 output dense: onnx::MatMul_864 is [1536, 384]
      LinearWeights out5 = w.layers().get(5).out();
      assertThat(out5.out()).isEqualTo(384);
      assertThat(out5.in()).isEqualTo(1536);
      assertThat(out5.weight(3, 100)).isEqualTo(0.005448827054351568);
      assertThat(out5.bias()[3]).isEqualTo(0.014029083773493767);
      assertThat(w.layers().get(5).intermediate().out()).isEqualTo(1536);
      assertThat(w.layers().get(3).outNorm().beta())
          .isEqualTo(store.tensor("encoder.layer.3.output.LayerNorm.bias").toArray());
    }
  }

  @Test
  void theFloatPassRunsOnMiniLmWithReluInPlaceOfGelu() throws MalformedWeightsException, UnsupportedModelException {
    EncoderWeights w;
    try (OnnxTensorStore store = OnnxReader.open(miniLm)) {
      w = OnnxEncoderMapping.read(store, 12, EncoderConfig.BERT_LN_EPS, new LinearWeights(1, 384,
          filled(384, 0.01), new double[] {0.5}));
    }
    assertThatThrownBy(() -> EncoderFloatPass.logits(w, List.of(EncoderInput.of(new int[] {101}, new int[] {1}))))
        .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("GELU");
    assertThatThrownBy(() -> QuantizedEncoder.build(w, new QuantizerSteps(Map.of()), 16, WeightPrecision.grid()))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("feed-forward activation GELU: SpikeZIP-TF conversion needs ReLU (fine-tune the model with ReLU "
            + "first)");
    EncoderConfig c = w.config();
    EncoderWeights relu = new EncoderWeights(new EncoderConfig(c.vocabSize(), c.maxPositions(), c.typeVocabSize(),
        c.hidden(), c.layers(), c.heads(), c.intermediate(), c.numClasses(), c.lnEps(), Activation.RELU, c.layout()),
        w.wordEmbeddings(), w.positionEmbeddings(), w.tokenTypeEmbeddings(), w.embeddingNorm(), w.layers(),
        w.pooler(), w.head());
    // [CLS] hello world [SEP], and a padded copy
    double[][] logits = EncoderFloatPass.logits(relu, List.of(
        EncoderInput.of(new int[] {101, 7592, 2088, 102}, new int[] {1, 1, 1, 1}),
        EncoderInput.of(new int[] {101, 7592, 102, 0}, new int[] {1, 1, 1, 0})));
    assertThat(logits).hasDimensions(2, 1);
    for (double[] row : logits) {
      assertThat(Double.isFinite(row[0])).isTrue();
    }
  }

  @Test
  void aGraphWithoutEmbeddingsIsRefusedByName() throws MalformedWeightsException, URISyntaxException {
    Path tiny = Path.of(OnnxEncoderMappingTest.class.getResource("/fixtures/tiny_graph.onnx").toURI());
    try (OnnxTensorStore store = OnnxReader.open(tiny)) {
      assertThatThrownBy(() -> OnnxEncoderMapping.read(store, 12, EncoderConfig.BERT_LN_EPS, 2))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessageContaining("no tensor named 'embeddings.word_embeddings.weight'");
    }
  }

  @Test
  void everyMissingTensorIsReportedInOneLine() throws MalformedWeightsException {
    try (OnnxTensorStore store = OnnxReader.open(fixture("tiny_bert_missing.onnx"))) {
      assertThatThrownBy(() -> OnnxEncoderMapping.read(store, 2, EncoderConfig.BERT_LN_EPS, 2))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessageNotContaining("\n")
          .hasMessageContaining("tiny_bert_missing.onnx: missing for an encoder with hidden 4, 2 layers, intermediate 8")
          .hasMessageEndingWith(": the bias Add after encoder.layer.1.attention.self.key's MatMul, "
              + "encoder.layer.1.attention.output.LayerNorm.{weight,bias}");
    }
  }

  @Test
  void aMisshapedMatMulWeightIsNamedWithItsLayer() throws MalformedWeightsException {
    try (OnnxTensorStore store = OnnxReader.open(fixture("tiny_bert_misshaped.onnx"))) {
      assertThatThrownBy(() -> OnnxEncoderMapping.read(store, 2, EncoderConfig.BERT_LN_EPS, 2))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessageNotContaining("\n")
          .hasMessageContaining("tensor 'onnx::MatMul_108' has shape [3, 4], expected [4, 4] for "
              + "encoder.layer.1.attention.self.value weight, [in, out] of an encoder with hidden 4");
    }
  }

  private static Path fixture(String name) {
    try {
      return Path.of(OnnxEncoderMappingTest.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bug: fixture URI", e);
    }
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }
}
