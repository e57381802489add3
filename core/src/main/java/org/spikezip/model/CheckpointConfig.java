package org.spikezip.model;

import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.TensorStore;

/**
 * The config of the ViT in a checkpoint, taken from the first source that has one: the config the user
 * gives; the JSON that the checkpoint's metadata stores under {@value #METADATA_KEY} (files written by
 * {@code spikezip import} do); the tensor shapes ({@link InferredVit}) with the number of heads the user
 * gives, which the shapes do not tell.
 *
 * @param config the config
 * @param origin where it came from
 */
public record CheckpointConfig(VitConfig config, Origin origin) {
  /** Where a config came from. */
  public enum Origin {
    GIVEN("given"),
    STORED("stored in the checkpoint"),
    INFERRED("inferred from the tensor shapes");

    private final String title;

    Origin(String title) {
      this.title = title;
    }

    /** For people, such as "inferred from the tensor shapes". */
    public String title() {
      return title;
    }
  }

  /** The metadata key under which a checkpoint stores its config JSON. */
  public static final String METADATA_KEY = "config";

  /**
   * Resolves the config of the ViT in {@code store}.
   *
   * @param given the user's config, or null
   * @param heads the user's number of heads, or null; if given, must agree with a given or stored config
   * @throws InvalidInputException if no source has a config, the heads disagree, or the stored JSON is bad
   */
  public static CheckpointConfig resolve(VitConfig given, Integer heads, TensorStore store, WeightNaming naming)
      throws SpikezipException {
    if (given != null) {
      return new CheckpointConfig(agree(given, heads, "the config"), Origin.GIVEN);
    }
    String stored = store.metadata().get(METADATA_KEY);
    if (stored != null) {
      VitConfig config = VitConfig.fromJson(stored, store.source() + ": metadata '" + METADATA_KEY + "'");
      return new CheckpointConfig(agree(config, heads, store.source() + "'s stored config"), Origin.STORED);
    }
    if (heads == null) {
      throw new InvalidInputException(store.source() + " stores no config: pass --config C, or --heads H to infer"
          + " the rest from the tensor shapes");
    }
    return new CheckpointConfig(InferredVit.infer(store, naming).config(heads), Origin.INFERRED);
  }

  private static VitConfig agree(VitConfig config, Integer heads, String what) throws InvalidInputException {
    if (heads != null && heads != config.numHeads()) {
      throw new InvalidInputException("--heads " + heads + " differs from num_heads " + config.numHeads() + " of "
          + what);
    }
    return config;
  }
}
