package org.spikezip.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.model.RandomVits;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QannResult;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.quant.StepCalibrator;
import org.spikezip.quant.WeightPrecision;
import org.spikezip.sim.Encoding;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.SimulationListener;
import org.spikezip.sim.Simulator;
import org.spikezip.sim.StopRule;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

class SpikingVitFileTest {
  @TempDir Path dir;

  /** Written and read back, a network spikes exactly as before, and its QANN is the original one. */
  @Property(tries = 12)
  void aNetworkSurvivesTheRoundTrip(
      @ForAll @IntRange(min = 1, max = 3) int depth,
      @ForAll("levels") int level,
      @ForAll boolean integerWeights,
      @ForAll boolean rate,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) throws Exception {
    VitConfig c = RandomVits.config(6, 3, 6, depth, 2, 2.0, 4);
    WeightPrecision precision = integerWeights ? WeightPrecision.integer(8) : WeightPrecision.grid();
    QuantizedVit qann = qann(c, seed, level, precision);
    SpikingVit original = Converter.convert(qann).network();
    Path file = Files.createTempFile("snn", ".safetensors");
    try {
      SpikingVitFile.write(file, original);
      SpikingVit reread = SpikingVitFile.read(file);

      assertThat(reread.level()).isEqualTo(level);
      assertThat(reread.precision()).isEqualTo(precision);
      assertThat(reread.config()).isEqualTo(c);
      Encoding encoding = rate ? Encoding.RATE : Encoding.ANALOG;
      for (double[] image : RandomVits.images(c, 2, seed + 2)) {
        SampleResult expected = simulate(original, encoding, image);
        SampleResult actual = simulate(reread, encoding, image);
        assertThat(actual.stopStep()).isEqualTo(expected.stopStep());
        assertThat(actual.logitsPerStep()).isDeepEqualTo(expected.logitsPerStep());
        assertThat(actual.spikeCounts().keySet()).isEqualTo(expected.spikeCounts().keySet());
        expected.spikeCounts().forEach((name, counts) -> assertThat(actual.spikeCounts().get(name)).isEqualTo(counts));
        QannResult reference = new QannForward(qann).forward(image);
        assertThat(new QannForward(Converter.equivalentQann(reread)).forward(image).logits())
            .isEqualTo(reference.logits());
      }
    } finally {
      Files.delete(file);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> levels() {
    return net.jqwik.api.Arbitraries.of(4, 8, 16, 32);
  }

  @Test
  void aMissingTensorIsNamed() throws Exception {
    Path file = corrupted(t -> t.remove("blocks.0.mlp.fc1.grid_scale"));
    assertThatThrownBy(() -> SpikingVitFile.read(file))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessageStartingWith(file + ": no tensor named 'blocks.0.mlp.fc1.grid_scale'; nearest names present: ");
  }

  @Test
  void aTruncatedFileIsRefused() throws Exception {
    Path file = dir.resolve("snn.safetensors");
    SpikingVitFile.write(file, network());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 9));

    assertThatThrownBy(() -> SpikingVitFile.read(file))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessageStartingWith(file + ": ");
  }

  @Test
  void aQannCheckpointIsNotAnSnnFile() throws Exception {
    Path file = dir.resolve("other.safetensors");
    SafetensorsWriter.write(file, Map.of("x", Tensor.scalar(1)), Map.of("level", "8"));
    assertThatThrownBy(() -> SpikingVitFile.read(file))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessage(file + ": not a spikezip SNN file (metadata format is absent, expected 'spikezip-snn-v1';"
            + " write one with 'spikezip convert')");
  }

  @Test
  void aFractionalMantissaIsRefused() throws Exception {
    Path file = corrupted(t -> {
      double[] m = t.get("head.mantissas").toArray();
      m[3] += 0.5;
      t.put("head.mantissas", Tensor.wrap(t.get("head.mantissas").shape(), m));
    });
    assertThatThrownBy(() -> SpikingVitFile.read(file))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessageStartingWith(file + ": tensor 'head.mantissas' weight mantissa [0,3] is not an integer: ");
  }

  @Test
  void boundsMustBeThoseOfTheStoredLevel() throws Exception {
    Path file = corrupted(t -> t.put("blocks.0.attn.quan_k.bounds", Tensor.ofInts(Shape.of(2), new int[] {-4, 3})));
    assertThatThrownBy(() -> SpikingVitFile.read(file))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessage(file + ": tensor 'blocks.0.attn.quan_k.bounds' blocks.0.attn.quan_k: bounds [-4, 3] are not"
            + " those of a signed quantizer at level 16, [-8, 7]");
  }

  @Test
  void anUnsignedLayerWhereSpec3WantsSignedIsInconsistent() throws Exception {
    Path file = corrupted(t -> t.put("blocks.0.attn.quan_q.bounds", Tensor.ofInts(Shape.of(2), new int[] {0, 15})));
    assertThatThrownBy(() -> SpikingVitFile.read(file))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessage(file + ": inconsistent network: blocks.0.attn.quan_q: bounds [0, 15] are unsigned, but this"
            + " quantizer is signed");
  }

  @Test
  void aScoreScaleThatIsNotTheThresholdsProductIsInconsistent() throws Exception {
    Path file = corrupted(t -> t.put("blocks.0.attn.score_scale",
        Tensor.scalar(2 * t.get("blocks.0.attn.score_scale").get(0))));
    assertThatThrownBy(() -> SpikingVitFile.read(file))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessageStartingWith(file + ": inconsistent network: blocks.0 score scale is ");
  }

  @Test
  void anExtraTensorIsRefused() throws Exception {
    Path file = corrupted(t -> t.put("blocks.1.norm1.eps", Tensor.scalar(1e-6)));
    assertThatThrownBy(() -> SpikingVitFile.read(file))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessage(file + ": unexpected tensor 'blocks.1.norm1.eps', which a spiking ViT of the stored config"
            + " does not have");
  }

  @Test
  void anUnsupportedStoredConfigIsRefused() throws Exception {
    Path file = rewritten(t -> { }, meta -> meta.put("config", meta.get("config").replace("\"relu\"", "\"gelu\"")));
    assertThatThrownBy(() -> SpikingVitFile.read(file)).isInstanceOf(UnsupportedModelException.class);
  }

  private Path corrupted(Consumer<Map<String, Tensor>> change) throws Exception {
    return rewritten(change, meta -> { });
  }

  /** A good file, rewritten with changed tensors and metadata. */
  private Path rewritten(Consumer<Map<String, Tensor>> changeTensors, Consumer<Map<String, String>> changeMetadata)
      throws Exception {
    Path file = dir.resolve("snn.safetensors");
    SpikingVitFile.write(file, network());
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    Map<String, String> meta;
    try (SafetensorsReader r = SafetensorsReader.open(file)) {
      meta = new LinkedHashMap<>(r.metadata());
      for (String name : r.names()) {
        tensors.put(name, r.tensor(name));
      }
    }
    changeTensors.accept(tensors);
    changeMetadata.accept(meta);
    SafetensorsWriter.write(file, tensors, meta);
    return file;
  }

  private static SpikingVit network() {
    return Converter.convert(qann(RandomVits.config(6, 3, 6, 1, 2, 2.0, 4), 3, 16, WeightPrecision.grid())).network();
  }

  private static QuantizedVit qann(VitConfig c, long seed, int level, WeightPrecision precision) {
    VitWeights w = RandomVits.weights(c, seed);
    List<double[]> calibration = RandomVits.images(c, 2, seed + 1);
    try {
      return QuantizedVit.build(w, StepCalibrator.calibrate(w, level, calibration), level, precision);
    } catch (UnsupportedModelException e) {
      throw new AssertionError(e);
    }
  }

  private static SampleResult simulate(SpikingVit net, Encoding encoding, double[] image) {
    Simulator sim = new Simulator(net, encoding, StopRule.quiescent(10_000));
    return sim.run(image, sim.newState(), SimulationListener.NONE);
  }
}
