/** Reading and writing named tensors: the {@link org.spikezip.io.TensorStore} every file format gives. */
package org.spikezip.io;
