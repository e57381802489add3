package org.spikezip.io.onnx;

import org.spikezip.tensor.DType;

/**
 * The ONNX {@code TensorProto.DataType} codes this reader supports, each with the {@link DType} it
 * reads as and the typed field that holds its values when there is no {@code raw_data}.
 */
enum OnnxDataType {
  FLOAT(1, DType.F32, TypedField.FLOAT_DATA),
  UINT8(2, DType.U8, TypedField.INT32_DATA),
  INT8(3, DType.I8, TypedField.INT32_DATA),
  INT16(5, DType.I16, TypedField.INT32_DATA),
  INT32(6, DType.I32, TypedField.INT32_DATA),
  INT64(7, DType.I64, TypedField.INT64_DATA),
  BOOL(9, DType.BOOL, TypedField.INT32_DATA),
  FLOAT16(10, DType.F16, TypedField.INT32_DATA),
  DOUBLE(11, DType.F64, TypedField.DOUBLE_DATA),
  BFLOAT16(16, DType.BF16, TypedField.INT32_DATA);

  /** The TensorProto fields that carry values as numbers, with their field numbers. */
  enum TypedField {
    FLOAT_DATA(4),
    INT32_DATA(5),
    INT64_DATA(7),
    DOUBLE_DATA(10);

    final int fieldNumber;

    TypedField(int fieldNumber) {
      this.fieldNumber = fieldNumber;
    }
  }

  final int code;
  final DType dtype;
  final TypedField typedField;

  OnnxDataType(int code, DType dtype, TypedField typedField) {
    this.code = code;
    this.dtype = dtype;
    this.typedField = typedField;
  }

  /** onnx.proto's names of the data types by code, for messages about unsupported ones. */
  private static final String[] ALL_NAMES = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32",
      "INT64", "STRING", "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16",
      "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4", "FLOAT4E2M1"};

  /** The name onnx.proto gives {@code code}, such as {@code STRING}, or "unknown". */
  static String nameOf(int code) {
    return code >= 0 && code < ALL_NAMES.length ? ALL_NAMES[code] : "unknown";
  }

  /** The type with {@code code}, or {@code null} if this reader does not support it. */
  static OnnxDataType ofCode(int code) {
    for (OnnxDataType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
