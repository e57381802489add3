/** Reads the initializers and the node list of an ONNX model, parsing its protobuf without generated classes. */
package org.spikezip.io.onnx;
