package org.spikezip.io;

import java.nio.file.Path;
import java.util.List;

/**
 * An open tensor file of any recognised format: its tensors and what else the file says about itself.
 * Closing it closes the store.
 *
 * @param path the file
 * @param format the format recognised from its contents (not its name)
 * @param layout one line on how the file is laid out, such as "torch.save zip archive, state dict
 *     under 'model'" or "graph 'main_graph', 120 nodes, inputs input_ids; outputs logits"
 * @param otherEntries what a PyTorch checkpoint holds besides its state dict, one line per entry
 *     (such as {@code args: argparse.Namespace(lr=0.1)}); empty for the other formats
 * @param store the tensors
 */
public record TensorFile(Path path, TensorFileFormat format, String layout, List<String> otherEntries,
    TensorStore store) implements AutoCloseable {

  public TensorFile {
    otherEntries = List.copyOf(otherEntries);
  }

  @Override
  public void close() {
    store.close();
  }
}
