package org.spikezip.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.data.ImageDataset;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;

/** A tiny ReLU ViT learns a tiny task; its checkpoint reads back. */
class TrainerTest {

  @Test
  void lossDecreasesAndTheModelLearns(@TempDir Path dir) throws Exception {
    VitConfig config = TinyData.tinyConfig();
    ImageDataset train = TinyData.quadrants(96, 8, 1);
    ImageDataset test = TinyData.quadrants(30, 8, 2);
    List<Double> losses = new ArrayList<>();
    TrainingListener record = new TrainingListener() {
      @Override
      public void onBatch(BatchProgress p) {
        losses.add(p.loss());
      }
    };
    TrainOptions options = TrainOptions.builder().optEpochs(20).optBatchSize(16).optLearningRate(5e-3)
        .optWarmupEpochs(1).optSeed(3).build();
    TrainResult result = Trainer.trainAnn(config, train, test, options, record);

    assertThat(losses).hasSize(120);
    double first = result.epochs().get(0).meanLoss();
    double last = result.epochs().get(19).meanLoss();
    assertThat(last).as("mean loss of the last epoch vs the first").isLessThan(first * 0.8);
    assertThat(result.epochs()).hasSize(20);
    assertThat(result.testTop1()).as("test top-1 on three easy classes").isGreaterThan(0.8);
    assertThat(Evaluator.annTop1(result.weights(), test, options.normalization(), 7))
        .isEqualTo(result.testTop1());

    Path file = dir.resolve("ann.safetensors");
    CheckpointFiles.saveAnn(file, result.weights());
    VitWeights back = CheckpointFiles.loadAnn(file);
    assertThat(back.config()).isEqualTo(config);
    assertThat(back.head().weight()).containsExactly(result.weights().head().weight());
    assertThat(back.blocks().get(0).fc2().bias()).containsExactly(result.weights().blocks().get(0).fc2().bias());
  }

  @Test
  void augmentationKeepsTraining() {
    VitConfig config = TinyData.tinyConfig();
    TrainOptions options = TrainOptions.builder().optEpochs(1).optBatchSize(16)
        .optAugmentation(Augmentation.CROP_FLIP).build();
    TrainResult result = Trainer.trainAnn(config, TinyData.quadrants(32, 8, 4), null, options,
        TrainingListener.NONE);
    assertThat(result.epochs().get(0).meanLoss()).isFinite();
    assertThat(result.testTop1()).isNaN();
  }
}
