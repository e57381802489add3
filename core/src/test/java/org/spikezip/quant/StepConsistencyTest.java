package org.spikezip.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikezip.TestResources;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.model.VitConfig;

class StepConsistencyTest {

  @Test
  void theGoldenStepsFitTheirLevelsAndNotAQuarterOfThem() throws Exception {
    for (int level : new int[] {8, 16}) {
      VitConfig config = VitConfig.read(TestResources.path("golden/tiny_L" + level + ".json"));
      QuantizerSteps steps = golden(level, config);

      assertThat(StepConsistency.warnings(steps, config, level)).as("L=%d", level).isEmpty();
      assertThat(StepConsistency.warnings(steps, config, 2 * level)).as("L=%d at twice", level).isEmpty();
      assertThat(StepConsistency.warnings(steps, config, level / 4)).as("L=%d at a quarter", level).singleElement()
          .asString().startsWith("the softmax quantizers' top values, step x (L - 1) at level " + level / 4
              + ", range from ").endsWith("is the level right?");
    }
  }

  @Test
  void oneStepFarFromItsSiblingsIsNamed() throws Exception {
    VitConfig config = VitConfig.read(TestResources.path("golden/tiny_L16.json"));
    Map<String, Double> steps = new LinkedHashMap<>(golden(16, config).steps());
    steps.put("blocks.1.mlp.act.0", steps.get("blocks.1.mlp.act.0") * 1000);

    assertThat(StepConsistency.warnings(new QuantizerSteps(steps), config, 16)).singleElement().asString()
        .startsWith("the steps of blocks.N.mlp.act.0 range from 0.426 (blocks.0.mlp.act.0) to 412 (blocks.1.mlp.act.0),"
            + " a factor of 969;");
  }

  private static QuantizerSteps golden(int level, VitConfig config) throws Exception {
    try (SafetensorsReader store =
        SafetensorsReader.open(TestResources.path("golden/tiny_L" + level + "_qann_state.safetensors"))) {
      return QuantizerSteps.read(store, config);
    }
  }
}
