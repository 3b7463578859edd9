package dev.ollamastack.cli;

import dev.ollamastack.app.PlatformResolver;
import picocli.CommandLine.Mixin;

/** What {@code backup}, {@code restore} and {@code migrate} share: timeouts, progress output. */
abstract class DataCommand extends CommandSupport {
  @Mixin ApplyOptions applyOptions;

  TransferPrinter printer() {
    PullBars bars = null;
    if (color() && Tty.isTerminal(2)) {
      int width = 100;
      try {
        width = Integer.parseInt(context().env().getOrDefault("COLUMNS", "100").trim());
      } catch (NumberFormatException e) {
        // keep the default
      }
      bars = new PullBars(System.err, Math.max(40, width));
    }
    return new TransferPrinter(out(), err(), bars, System::nanoTime);
  }

  PlatformResolver platforms() {
    return new PlatformResolver(context().host());
  }
}
