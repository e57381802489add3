package org.spikezip.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.model.Activation;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderExamples;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.EncoderWeights;
import org.spikezip.model.RandomEncoders;
import org.spikezip.quant.EncoderQannForward;
import org.spikezip.quant.EncoderSite;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.quant.WeightPrecision;

/**
 * Fine-tuning and QAT of a tiny encoder on a task it can learn (is token 3 in the sentence?), the
 * checkpoints written and read back, and the core's exact QANN built from the QAT checkpoint.
 */
class EncoderTrainerTest {

  @Test
  void fineTuningLearnsAndQatKeepsItThroughTheCheckpoint(@TempDir Path dir) throws Exception {
    EncoderConfig config = RandomEncoders.config(12, 10, 16, 1, 2, 32, 2);
    EncoderExamples train = task(config, 160, 1);
    EncoderExamples test = task(config, 60, 2);
    TrainOptions options = TrainOptions.builder().optEpochs(6).optBatchSize(16).optLearningRate(3e-3)
        .optWarmupEpochs(0.5).optLabelSmoothing(0).optWeightDecay(0.01).build();
    List<Double> losses = new ArrayList<>();
    EncoderTrainResult ann = EncoderTrainer.fineTune(RandomEncoders.weights(config, 3), train, test, options,
        new TrainingListener() {
          @Override
          public void onEpoch(EpochSummary s) {
            losses.add(s.meanLoss());
          }
        });
    assertThat(losses).hasSize(6);
    assertThat(losses.get(5)).isLessThan(losses.get(0) * 0.7);
    assertThat(ann.testTop1()).as("float accuracy").isGreaterThan(0.8);

    Path annFile = dir.resolve("ann.safetensors");
    EncoderCheckpointFiles.saveAnn(annFile, ann.weights());
    assertThat(EncoderCheckpointFiles.isEncoder(annFile)).isTrue();
    EncoderWeights reread = EncoderCheckpointFiles.loadAnn(annFile);
    assertThat(reread.config()).isEqualTo(ann.weights().config());
    assertThat(reread.wordEmbeddings()).containsExactly(ann.weights().wordEmbeddings());

    QatOptions qat = QatOptions.builder().optLevel(16).optEpochs(2).optBatchSize(16).optLearningRate(1e-3)
        .optLabelSmoothing(0).build();
    EncoderQatResult q = EncoderQatTrainer.run(reread, train, test, qat, TrainingListener.NONE);
    assertThat(q.steps().steps().keySet()).containsExactlyElementsOf(EncoderSite.names(1));
    assertThat(q.testTop1()).as("QAT accuracy (DJL)").isGreaterThan(0.75);

    Path qannFile = dir.resolve("qann.safetensors");
    EncoderCheckpointFiles.saveQann(qannFile, q);
    EncoderQannState state = EncoderCheckpointFiles.loadQann(qannFile);
    assertThat(state.level()).isEqualTo(16);
    QuantizedEncoder core = QuantizedEncoder.build(state.weights(), state.steps(), 16, WeightPrecision.grid());
    int correct = 0;
    for (int i = 0; i < test.size(); i++) {
      correct += new EncoderQannForward(core).forward(test.inputs().get(i)).predictedClass() == test.label(i) ? 1 : 0;
    }
    assertThat(correct / (double) test.size()).as("the exact QANN's accuracy")
        .isCloseTo(q.testTop1(), Offset.offset(0.05));
  }

  @Test
  void qatRefusesGeluAndWeightBits() {
    EncoderConfig relu = RandomEncoders.config(12, 10, 16, 1, 2, 32, 2);
    EncoderExamples data = task(relu, 8, 1);
    EncoderWeights gelu = EncoderGraphTest.withActivation(RandomEncoders.weights(relu, 1), Activation.GELU);
    assertThatThrownBy(() -> EncoderQatTrainer.run(gelu, data, null, QatOptions.builder().build(),
        TrainingListener.NONE)).hasMessageContaining("ReLU");
    assertThatThrownBy(() -> EncoderQatTrainer.run(RandomEncoders.weights(relu, 1), data, null,
        QatOptions.builder().optWeightBits(8).build(), TrainingListener.NONE)).hasMessageContaining("weightBits 0");
  }

  /** Random sentences (id 0 first, as [CLS]); label 1 when token 3 occurs. */
  private static EncoderExamples task(EncoderConfig c, int n, long seed) {
    Random r = new Random(seed);
    List<EncoderInput> inputs = new ArrayList<>();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int len = 3 + r.nextInt(c.maxTokens() - 3);
      int[] ids = new int[len];
      for (int t = 1; t < len; t++) {
        ids[t] = 4 + r.nextInt(c.vocabSize() - 4);
      }
      labels[i] = r.nextInt(2);
      if (labels[i] == 1) {
        ids[1 + r.nextInt(len - 1)] = 3;
      }
      inputs.add(EncoderInput.of(ids, RandomEncoders.mask(len, len)));
    }
    return new EncoderExamples(inputs, labels, List.of("absent", "present"));
  }
}
