package dev.ollamastack.cli;

import dev.ollamastack.app.logs.LogTime;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --since}/{@code --until}: RFC 3339 or a duration back from now (see {@link LogTime}). */
final class LogTimeConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    try {
      return LogTime.parse(value, Instant.now());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
