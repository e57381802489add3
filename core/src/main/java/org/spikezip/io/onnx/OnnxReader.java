package org.spikezip.io.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.TextQuoting;
import org.spikezip.tensor.Shape;

/**
 * Opens an ONNX model ({@code ModelProto}, protobuf) as an {@link OnnxTensorStore} of its graph's
 * initializers, with the graph's nodes, inputs and outputs.
 *
 * <p>The file is memory-mapped and parsed with protobuf-java's {@link CodedInputStream} against the
 * few field numbers of onnx.proto it needs (ModelProto: ir_version 1, producer 2 and 3, graph 7,
 * opset_import 8, metadata_props 14; GraphProto: node 1, name 2, initializer 5, input 11, output 12;
 * NodeProto: input 1, output 2, name 3, op_type 4, domain 7; TensorProto: dims 1, data_type 2,
 * segment 3, name 8, raw_data 9, external_data 13, data_location 14). Unknown fields are skipped,
 * as protobuf does; attributes, value types and sparse initializers are not read. Tensor values
 * are decoded only when asked for. Files over 2 GiB cannot hold their weights inline and are refused.
 */
public final class OnnxReader {
  private static final int MAX_RANK = 64;
  private static final int MAX_ENTRIES = 10_000_000;
  private static final int EXTERNAL = 1;

  private final String source;
  private int entries;

  private OnnxReader(String source) {
    this.source = source;
  }

  public static OnnxTensorStore open(Path file) throws MalformedWeightsException {
    String source = file.toString();
    ByteBuffer bytes;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() > Integer.MAX_VALUE) {
        throw new MalformedWeightsException(source + ": " + channel.size()
            + " bytes; an ONNX file over 2 GiB keeps its weights as external data, which is not supported");
      }
      bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
    } catch (IOException e) {
      throw new MalformedWeightsException(source + ": cannot read: " + e.getMessage(), e);
    }
    try {
      return new OnnxReader(source).parseModel(bytes);
    } catch (IOException e) {
      throw new MalformedWeightsException(source + ": not a valid ONNX protobuf: " + e.getMessage(), e);
    }
  }

  private OnnxTensorStore parseModel(ByteBuffer model)
      throws IOException, MalformedWeightsException {
    Map<String, String> metadata = new LinkedHashMap<>();
    ByteBuffer graph = null;
    CodedInputStream in = CodedInputStream.newInstance(model);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == tag(1, WireFormat.WIRETYPE_VARINT)) {
        metadata.put("ir_version", Long.toString(in.readInt64()));
      } else if (tag == tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        metadata.put("producer_name", in.readString());
      } else if (tag == tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        metadata.put("producer_version", in.readString());
      } else if (tag == tag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        graph = slice(in, model);
      } else if (tag == tag(8, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        String[] opset = stringAndNumber(slice(in, model));
        metadata.put("opset." + (opset[0].isEmpty() ? "ai.onnx" : opset[0]), opset[1]);
      } else if (tag == tag(14, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        String[] entry = keyAndValue(slice(in, model));
        metadata.put(entry[0], entry[1]);
      } else {
        in.skipField(tag);
      }
    }
    if (graph == null) {
      throw new MalformedWeightsException(source + ": no graph (ModelProto field 7): not an ONNX model");
    }
    return parseGraph(graph, metadata);
  }

  private OnnxTensorStore parseGraph(ByteBuffer graph, Map<String, String> metadata)
      throws IOException, MalformedWeightsException {
    String name = "";
    List<OnnxNode> nodes = new ArrayList<>();
    Map<String, OnnxInitializer> initializers = new LinkedHashMap<>();
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    CodedInputStream in = CodedInputStream.newInstance(graph);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        count();
        nodes.add(parseNode(slice(in, graph)));
      } else if (tag == tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        name = in.readString();
      } else if (tag == tag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        count();
        OnnxInitializer init = parseTensor(slice(in, graph));
        if (initializers.put(init.name(), init) != null) {
          throw new MalformedWeightsException(source + ": two initializers named " + TextQuoting.quote(init.name()));
        }
      } else if (tag == tag(11, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        count();
        inputs.add(keyAndValue(slice(in, graph))[0]);
      } else if (tag == tag(12, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        count();
        outputs.add(keyAndValue(slice(in, graph))[0]);
      } else {
        in.skipField(tag);
      }
    }
    return new OnnxTensorStore(source, name, initializers, nodes, inputs, outputs, metadata);
  }

  private OnnxNode parseNode(ByteBuffer node) throws IOException, MalformedWeightsException {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String name = "";
    String opType = "";
    String domain = "";
    CodedInputStream in = CodedInputStream.newInstance(node);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        count();
        inputs.add(in.readString());
      } else if (tag == tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        count();
        outputs.add(in.readString());
      } else if (tag == tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        name = in.readString();
      } else if (tag == tag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        opType = in.readString();
      } else if (tag == tag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        domain = in.readString();
      } else {
        in.skipField(tag);
      }
    }
    return new OnnxNode(name, opType, domain, inputs, outputs);
  }

  /** The header of a TensorProto; its values stay in the file until read. */
  private OnnxInitializer parseTensor(ByteBuffer tensor)
      throws IOException, MalformedWeightsException {
    List<Long> dims = new ArrayList<>();
    int typeCode = 0;
    String name = "";
    ByteBuffer raw = null;
    boolean external = false;
    String location = null;
    CodedInputStream in = CodedInputStream.newInstance(tensor);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == tag(1, WireFormat.WIRETYPE_VARINT) && dims.size() <= MAX_RANK) {
        dims.add(in.readInt64());
      } else if (tag == tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        CodedInputStream packed = CodedInputStream.newInstance(slice(in, tensor));
        while (!packed.isAtEnd() && dims.size() <= MAX_RANK) {
          dims.add(packed.readInt64());
        }
      } else if (tag == tag(2, WireFormat.WIRETYPE_VARINT)) {
        typeCode = in.readInt32();
      } else if (tag == tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        throw new MalformedWeightsException(source + ": a tensor is split into segments, which is not supported");
      } else if (tag == tag(8, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        name = in.readString();
      } else if (tag == tag(9, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        raw = slice(in, tensor);
      } else if (tag == tag(13, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        String[] entry = keyAndValue(slice(in, tensor));
        location = entry[0].equals("location") ? entry[1] : location;
        external = true;
      } else if (tag == tag(14, WireFormat.WIRETYPE_VARINT)) {
        external |= in.readInt32() == EXTERNAL;
      } else {
        in.skipField(tag);
      }
    }
    return new OnnxInitializer(name, shape(dims, name), typeCode, OnnxDataType.ofCode(typeCode), tensor,
        raw, external ? (location == null ? "" : location) : null);
  }

  private Shape shape(List<Long> dims, String name) throws MalformedWeightsException {
    long count = 1;
    for (long d : dims) {
      count = d < 0 || d > Integer.MAX_VALUE ? -1 : count * d;
      if (count < 0 || count > Integer.MAX_VALUE || dims.size() > MAX_RANK) {
        throw new MalformedWeightsException(source + ": initializer " + TextQuoting.quote(name) + " has dims " + dims
            + "; expected at most " + MAX_RANK + " non-negative dims of at most " + Integer.MAX_VALUE + " elements");
      }
    }
    return Shape.ofLongs(dims.stream().mapToLong(Long::longValue).toArray());
  }

  /** Counts one more node, node input or output, initializer, or graph input or output. */
  private void count() throws MalformedWeightsException {
    if (++entries > MAX_ENTRIES) {
      throw new MalformedWeightsException(source + ": more than " + MAX_ENTRIES + " graph entries (limit)");
    }
  }

  /** Fields 1 and 2 of a message as strings: StringStringEntryProto's key and value, ValueInfoProto's name. */
  private static String[] keyAndValue(ByteBuffer message) throws IOException {
    String[] pair = {"", ""};
    CodedInputStream in = CodedInputStream.newInstance(message);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        pair[0] = in.readString();
      } else if (tag == tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        pair[1] = in.readString();
      } else {
        in.skipField(tag);
      }
    }
    return pair;
  }

  /** OperatorSetIdProto: domain (field 1) and version (field 2, an integer) as strings. */
  private static String[] stringAndNumber(ByteBuffer message) throws IOException {
    String[] pair = {"", ""};
    CodedInputStream in = CodedInputStream.newInstance(message);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        pair[0] = in.readString();
      } else if (tag == tag(2, WireFormat.WIRETYPE_VARINT)) {
        pair[1] = Long.toString(in.readInt64());
      } else {
        in.skipField(tag);
      }
    }
    return pair;
  }

  /** The bytes of the length-delimited field at the stream's position, as a view of {@code of}. */
  static ByteBuffer slice(CodedInputStream in, ByteBuffer of) throws IOException {
    int size = in.readRawVarint32();
    int start = in.getTotalBytesRead();
    in.skipRawBytes(size);
    return of.slice(start, size);
  }

  static int tag(int field, int wireType) {
    return field << 3 | wireType;
  }
}
