/** Reads PyTorch {@code torch.save} checkpoints (zip and legacy formats) through an unpickler that executes nothing. */
package org.spikezip.io.pth;
