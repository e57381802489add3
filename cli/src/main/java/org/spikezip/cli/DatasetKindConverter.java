package org.spikezip.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --dataset}. */
final class DatasetKindConverter implements ITypeConverter<DatasetKind> {
  @Override
  public DatasetKind convert(String value) {
    try {
      return DatasetKind.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
