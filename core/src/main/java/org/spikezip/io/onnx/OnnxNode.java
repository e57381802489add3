package org.spikezip.io.onnx;

import java.util.List;

/**
 * One operator of an ONNX graph, in the graph's (topological) order: its name, operator type (such
 * as {@code MatMul}), operator domain (empty for the default {@code ai.onnx}), and the names of the
 * values it reads and writes. Initializer names among {@code inputs} are weights.
 */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs) {

  public OnnxNode {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
