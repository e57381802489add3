package org.spikezip.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikezip.TestResources;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.MalformedWeightsException;

class TensorFilesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "golden/tiny_L16_qann_state.safetensors | SAFETENSORS | safetensors header and data",
      "fixtures/golden_L16_qann_zip.pth | PYTORCH | torch.save zip archive, state dict under 'model'",
      "fixtures/golden_timm_mixed_legacy.pth | PYTORCH | legacy torch.save pickle, the state dict at the top level",
      "fixtures/tiny_graph.onnx | ONNX | graph 'tiny', 2 nodes; inputs x; outputs y"})
  void recognisesTheFormatFromTheContentNotTheName(String resource, TensorFileFormat format, String layout)
      throws Exception {
    Path renamed = Files.copy(TestResources.path(resource), dir.resolve("weights.bin"));
    try (TensorFile file = TensorFiles.open(renamed)) {
      assertThat(file.format()).isEqualTo(format);
      assertThat(file.layout()).isEqualTo(layout);
      assertThat(file.path()).isEqualTo(renamed);
      assertThat(file.store().names()).isNotEmpty();
    }
  }

  @Test
  void aFileOfNoKnownFormatIsNamedWithTheFormatsTried() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.pth"), "not a checkpoint, just some text\n");

    assertThatThrownBy(() -> TensorFiles.open(text))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessageStartingWith(text + ": not a tensor file: neither safetensors (no JSON header at byte 8), nor a"
            + " torch.save checkpoint (no zip or pickle header), nor an ONNX model (")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aMissingFileOrAFolderIsAnInputError() {
    Path missing = dir.resolve("missing.pth");
    assertThatThrownBy(() -> TensorFiles.open(missing)).isInstanceOf(InvalidInputException.class)
        .hasMessage(missing + ": no such file");
    assertThatThrownBy(() -> TensorFiles.open(dir)).isInstanceOf(InvalidInputException.class)
        .hasMessage(dir + ": is a folder, expected a tensor file (of a Hugging Face model folder, give"
            + " model.safetensors or pytorch_model.bin)");
  }

  @Test
  void aTruncatedFileOfAKnownFormatGetsThatFormatsError() throws Exception {
    byte[] pth = Files.readAllBytes(TestResources.path("fixtures/golden_L16_qann_legacy.pth"));
    Path truncated = Files.write(dir.resolve("cut.pth"), java.util.Arrays.copyOf(pth, pth.length / 2));

    assertThatThrownBy(() -> TensorFiles.open(truncated)).isInstanceOf(MalformedWeightsException.class)
        .hasMessageStartingWith(truncated + ": ")
        .hasMessageNotContaining("not a tensor file");
  }
}
