package org.spikezip.io.pth;

/** The two layouts {@code torch.save} writes. */
public enum PthFormat {
  /** A zip archive of {@code <name>/data.pkl} and one {@code <name>/data/<key>} entry per storage (torch &ge; 1.6). */
  ZIP,
  /** Pickles (magic, protocol, system info, object, storage keys) followed by the raw storages. */
  LEGACY
}
