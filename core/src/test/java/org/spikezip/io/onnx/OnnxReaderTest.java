package org.spikezip.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

class OnnxReaderTest {

  static Path tinyGraph() {
    try {
      return Path.of(OnnxReaderTest.class.getResource("/fixtures/tiny_graph.onnx").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bug: fixture URI", e);
    }
  }

  @Test
  void everyWayOfStoringValuesDecodes() throws MalformedWeightsException {
    try (OnnxTensorStore store = OnnxReader.open(tinyGraph())) {
      assertValues(store, "w_raw_f32", DType.F32, Shape.of(2, 3), -1.0, -0.5, 0.0, 0.5, 1.0, 1.5);
      assertValues(store, "w_float_data", DType.F32, Shape.of(3), 1.5, -2.0, 3.25);
      assertValues(store, "w_f16_int32", DType.F16, Shape.of(4), 1.0, -2.0, 0.5, 65504.0);
      assertValues(store, "w_f16_raw", DType.F16, Shape.of(2), 0.0999755859375, -0x1p-24);
      assertValues(store, "w_bf16_raw", DType.BF16, Shape.of(2), 1.5, -3.0);
      assertValues(store, "w_bf16_int32", DType.BF16, Shape.of(2), 0.15625, -3.0);
      assertValues(store, "i64", DType.I64, Shape.of(3), -5.0, 0.0, 0x1p40);
      assertValues(store, "d", DType.F64, Shape.of(2), 0.1, -1e300);
      assertValues(store, "u8", DType.U8, Shape.of(3), 0.0, 128.0, 255.0);
      assertValues(store, "i8_raw", DType.I8, Shape.of(3), -128.0, 0.0, 127.0);
      assertValues(store, "i32", DType.I32, Shape.of(2, 1), -7.0, 2147483647.0);
      assertValues(store, "b", DType.BOOL, Shape.of(2), 1.0, 0.0);
      assertValues(store, "scalar", DType.F32, Shape.of(), 7.0);
      assertValues(store, "empty", DType.F32, Shape.of(0, 3));
    }
  }

  @Test
  void graphStructureAndMetadataAreRead() throws MalformedWeightsException {
    try (OnnxTensorStore store = OnnxReader.open(tinyGraph())) {
      assertThat(store.graphName()).isEqualTo("tiny");
      assertThat(store.graphInputs()).containsExactly("x");
      assertThat(store.graphOutputs()).containsExactly("y");
      assertThat(store.nodes()).containsExactly(
          new OnnxNode("/layer/MatMul", "MatMul", "", List.of("x", "w_raw_f32"), List.of("h")),
          new OnnxNode("/layer/Add", "Add", "", List.of("h", "w_float_data"), List.of("y")));
      assertThat(store.metadata()).isEqualTo(Map.of("ir_version", "8",
          "producer_name", "spikezip-fixture", "opset.ai.onnx", "13", "purpose", "reader test"));
      assertThat(store.names()).startsWith("w_raw_f32", "w_float_data").contains("ext", "str").hasSize(16);
    }
  }

  @Test
  void externalDataAndStringsAreRefusedByName() throws MalformedWeightsException {
    try (OnnxTensorStore store = OnnxReader.open(tinyGraph())) {
      assertThat(store.shape("ext")).isEqualTo(Shape.of(2));
      assertThatThrownBy(() -> store.tensor("ext"))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessageContaining("tiny_graph.onnx: initializer 'ext' keeps its data in an external file 'weights.bin'");
      assertThatThrownBy(() -> store.tensor("str"))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessageContaining("initializer 'str' has ONNX data type 8 (STRING), which is not supported");
      assertThatThrownBy(() -> store.tensor("w_raw_f33"))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessageContaining("no tensor named 'w_raw_f33'; nearest names present: w_raw_f32");
    }
  }

  /**
   * The pretrained all-MiniLM-L6-v2 export from the langchain4j test dependency. Reference values
   * were computed with the onnx Python package: numpy_helper.to_array(initializer), then float64
   * first element, last element and sum.
   */
  @Test
  void allMiniLmInitializersAndGraphMatchTheOnnxLibrary(@TempDir Path dir) throws IOException, MalformedWeightsException {
    Path file = dir.resolve("all-minilm-l6-v2.onnx");
    try (InputStream in = OnnxReaderTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
      Files.copy(in, file);
    }
    try (OnnxTensorStore store = OnnxReader.open(file)) {
      assertThat(store.names()).hasSize(102);
      assertThat(store.nodes()).hasSize(637);
      assertThat(store.metadata()).containsEntry("producer_name", "pytorch").containsEntry("opset.ai.onnx", "11");
      assertThat(store.graphInputs()).containsExactly("input_ids", "attention_mask", "token_type_ids");
      assertThat(store.tensor("embeddings.position_ids").toIntArray()).isEqualTo(IntStream.range(0, 512).toArray());
      assertReference(store, "embeddings.LayerNorm.weight", Shape.of(384),
          0.5989283323287964, 0.6554279327392578, 236.85435231029987);
      assertReference(store, "onnx::MatMul_864", Shape.of(1536, 384),
          -0.056546345353126526, 0.0012321292888373137, -53.19849107446487);
      assertReference(store, "embeddings.word_embeddings.weight", Shape.of(30522, 384),
          -0.019989013671875, 0.004570063669234514, 138.05072214923618);
      OnnxNode query = store.nodes().stream()
          .filter(n -> n.name().equals("/encoder/layer.0/attention/self/query/MatMul")).findFirst().orElseThrow();
      assertThat(query.opType()).isEqualTo("MatMul");
      assertThat(query.inputs()).containsExactly("/embeddings/LayerNorm/Add_1_output_0", "onnx::MatMul_787");
      assertThat(store.shape("onnx::MatMul_787")).isEqualTo(Shape.of(384, 384));
    }
  }

  private static void assertReference(OnnxTensorStore store, String name, Shape shape, double first, double last,
      double sum) throws MalformedWeightsException {
    Tensor t = store.tensor(name);
    assertThat(t.shape()).isEqualTo(shape);
    assertThat(t.get(0)).isEqualTo(first);
    assertThat(t.get(t.size() - 1)).isEqualTo(last);
    double total = 0;
    for (double v : t.data()) {
      total += v;
    }
    assertThat(total).as(name + " sum").isCloseTo(sum, within(1e-9 * t.size()));
  }

  private static void assertValues(OnnxTensorStore store, String name, DType dtype, Shape shape, double... values)
      throws MalformedWeightsException {
    Tensor t = store.tensor(name);
    assertThat(store.dtype(name)).as(name).isEqualTo(dtype);
    assertThat(t.dtype()).as(name).isEqualTo(dtype);
    assertThat(store.shape(name)).as(name).isEqualTo(shape);
    assertThat(t.shape()).as(name).isEqualTo(shape);
    assertThat(t.toArray()).as(name).containsExactly(values);
  }
}
