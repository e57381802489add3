package org.spikezip.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikezip.sim.Encoding;
import org.spikezip.sim.LayerActivity;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.SimulationListener;
import org.spikezip.sim.Simulator;
import org.spikezip.sim.StopRule;

class DenseOpCountTest {
  /** img 8, patch 4: P = 4 patches, n = 5 tokens, d = 6, h = 2, m = 12, C = 3, V = 3·4·4 = 48. */
  @Test
  void countsEveryLayerByHand() {
    DenseOpCount ops = DenseOpCount.of(TinyNets.config(1));

    assertThat(ops.layers()).extracting(DenseLayerOps::name).containsExactly(
        "patch_embed.proj.1", "blocks.0.norm1.1", "blocks.0.attn.quan_q", "blocks.0.attn.quan_k",
        "blocks.0.attn.quan_v", "blocks.0.attn.attn_quan", "blocks.0.attn.after_attn_quan",
        "blocks.0.attn.quan_proj", "blocks.0.norm2.1", "blocks.0.mlp.act.0", "blocks.0.mlp.fc2.1", "norm.1", "head");
    assertThat(ops.layers()).extracting(DenseLayerOps::annMacs).containsExactly(
        4L * 6 * 48,          // patch convolution
        5L * 6 + 4 * 6 * 5,   // embedding add and LayerNorm
        5L * 6 * 6, 5L * 6 * 6, 5L * 6 * 6,
        5L * 5 * 6 + 3 * 5 * 2 * 5,  // scores and softmax
        5L * 5 * 6,           // attention times v
        5L * 6 * 6,           // proj
        5L * 6 + 4 * 6 * 5,   // residual add and LayerNorm
        5L * 6 * 12,          // fc1
        5L * 12 * 6,          // fc2
        5L * 6 + 4 * 6 * 5,   // residual add and final LayerNorm
        6L * 3);              // head on the cls token
    assertThat(ops.annMacs()).isEqualTo(1152 + 150 + 3 * 180 + 300 + 150 + 180 + 150 + 360 + 360 + 150 + 18);
    assertThat(ops.qannMacs()).isEqualTo(ops.annMacs() + 4 * 6 + 5 * 6 * 9 + 2 * 5 * 5 + 5 * 12);
  }

  @Test
  void neuronsAreThoseTheSimulatorRuns() {
    TinyNets m = TinyNets.calibrated(2, 3);
    Simulator sim = new Simulator(m.snn(), Encoding.ANALOG, StopRule.quiescent(1000));
    SampleResult r = sim.run(m.images().get(0), sim.newState(), SimulationListener.NONE);

    List<DenseLayerOps> ops = DenseOpCount.of(m.config()).layers();

    assertThat(ops).extracting(DenseLayerOps::name).containsExactlyElementsOf(
        r.layers().stream().map(LayerActivity::name).toList());
    assertThat(ops).extracting(l -> (int) l.neurons()).containsExactlyElementsOf(
        r.layers().stream().map(LayerActivity::neurons).toList());
  }
}
