package org.spikezip.io.pth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.ElementDecoder;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Tensor;

class PthReaderTest {

  @ParameterizedTest
  @CsvSource({"vit_tiny_zip.pth, ZIP, ''", "vit_tiny_legacy.pth, LEGACY, ''", "vit_tiny_zip_p4.pth, ZIP, ''",
      "vit_tiny_wrapped.pth, ZIP, model"})
  void everyTensorEqualsThePyTorchReferenceBitForBit(String file, PthFormat format, String stateDictKey)
      throws IOException, MalformedWeightsException {
    Map<String, SafetensorsReference.Entry> reference =
        SafetensorsReference.read(Fixtures.path("vit_tiny.safetensors"));
    try (PthTensorStore store = PthReader.open(Fixtures.path(file))) {
      assertThat(store.format()).isEqualTo(format);
      assertThat(store.stateDictKey()).isEqualTo(stateDictKey);
      assertThat(store.names()).containsExactlyElementsOf(reference.keySet());
      for (Map.Entry<String, SafetensorsReference.Entry> e : reference.entrySet()) {
        SafetensorsReference.Entry expected = e.getValue();
        Tensor actual = store.tensor(e.getKey());
        assertThat(actual.shape()).as(e.getKey()).isEqualTo(expected.shape());
        assertThat(store.shape(e.getKey())).as(e.getKey()).isEqualTo(expected.shape());
        assertThat(actual.dtype()).as(e.getKey()).isEqualTo(expected.dtype());
        for (int i = 0; i < actual.size(); i++) {
          double want = ElementDecoder.element(expected.bytes(), i * expected.dtype().byteSize(), expected.dtype());
          assertThat(Double.doubleToRawLongBits(actual.get(i)))
              .as("%s[%d]", e.getKey(), i)
              .isEqualTo(Double.doubleToRawLongBits(want));
        }
      }
    }
  }

  @Test
  void fixturesHoldTheDTypesAndViewsTheTestsAreAbout() throws MalformedWeightsException {
    try (PthTensorStore store = PthReader.open(Fixtures.path("vit_tiny_zip.pth"))) {
      assertThat(store.dtype("blocks.0.norm1.weight")).isEqualTo(DType.F16);
      assertThat(store.dtype("blocks.0.mlp.fc1.weight")).isEqualTo(DType.BF16);
      assertThat(store.dtype("blocks.0.attn.qkv.weight")).isEqualTo(DType.F32);
      assertThat(store.dtype("blocks.0.attn.mask")).isEqualTo(DType.BOOL);
      Tensor index = store.tensor("blocks.0.attn.relative_position_index");
      assertThat(index.toIntArray()).containsExactly(-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8);
      assertThat(store.tensor("blocks.0.attn.quan_q.s").get(0)).isEqualTo(0.125);
      assertThat(store.otherEntries()).isEmpty();
    }
  }

  @Test
  void wrappedCheckpointDescribesWhatIsNotTheStateDict() throws MalformedWeightsException {
    try (PthTensorStore store = PthReader.open(Fixtures.path("vit_tiny_wrapped.pth"))) {
      assertThat(store.otherEntries()).hasSize(3);
      assertThat(store.otherEntries().get(0)).startsWith("optimizer: {'state': {0: {'step': 3, 'exp_avg': tensor[8] F32}}");
      assertThat(store.otherEntries().get(1)).isEqualTo("args: argparse.Namespace(lr=0.1)");
      assertThat(store.otherEntries().get(2)).isEqualTo("epoch: 3");
    }
  }

  @Test
  void tensorsWithPythonStateParametersAndInertObjectsAreRead(@TempDir Path dir)
      throws IOException, MalformedWeightsException {
    byte[] pickle = new PickleBuilder().proto().op('}', '(')
        .str("attributed").global("torch._tensor", "_rebuild_from_type_v2").op('(')
        .global("torch._utils", "_rebuild_tensor_v2").global("torch", "Tensor")
        .tensorArguments("HalfStorage", "0", 2, 1, new long[] {1}, new long[] {1}).op('}', 't', 'R')
        .str("parameter").global("torch._utils", "_rebuild_parameter").op('(')
        .tensor("HalfStorage", "0", 2, 0, new long[] {2}, new long[] {1}).op(0x88).global("collections", "OrderedDict")
        .op(')', 'R', 't', 'R')
        .str("tags").op(0x8f, '(').str("a").integer(2).op(0x90)
        .op('u', '.').bytes();
    ByteBuffer storage = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3c00).putShort((short) 0xc000);
    Path file = dir.resolve("hand.pth");
    TorchArchives.writeZip(file, "hand", pickle, Map.of("0", storage.array()), "little");
    try (PthTensorStore store = PthReader.open(file)) {
      assertThat(store.names()).containsExactly("attributed", "parameter");
      assertThat(store.tensor("attributed").toArray()).containsExactly(-2.0);
      assertThat(store.tensor("parameter").toArray()).containsExactly(1.0, -2.0);
      assertThat(store.otherEntries()).containsExactly("tags: builtins.set(['a', 2])");
    }
  }

  @Test
  void missingTensorNamesTheNearestPresent() throws MalformedWeightsException {
    try (PthTensorStore store = PthReader.open(Fixtures.path("vit_tiny_zip.pth"))) {
      assertThatThrownBy(() -> store.tensor("blocks.0.attn.qkv.weights"))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessageContaining("vit_tiny_zip.pth: no tensor named 'blocks.0.attn.qkv.weights'")
          .hasMessageContaining("blocks.0.attn.qkv.weight");
    }
  }
}
