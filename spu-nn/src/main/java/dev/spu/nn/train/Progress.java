package dev.spu.nn.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: label, epoch, batch, the last revealed loss and the running
 * median seconds per batch. Redrawn in place ({@code \r}) at most every 100 ms and at the end.
 */
public final class Progress {
  /** A progress sink that prints nothing. */
  public static final Progress SILENT = new Progress(null, "");

  private final PrintStream out;
  private final String label;
  private long lastDraw;
  private int width;

  public Progress(PrintStream out, String label) {
    this.out = out;
    this.label = label;
  }

  /** Reports batch {@code b} (0-based) of {@code total}. */
  public void update(int epoch, int epochs, int b, int total, double loss, double secPerBatch) {
    if (out == null) {
      return;
    }
    long now = System.nanoTime();
    boolean last = b == total - 1;
    if (!last && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int barWidth = 20;
    int filled = (int) Math.round((double) (b + 1) / total * barWidth);
    String line =
        String.format(
            Locale.ROOT,
            "%s [%s%s] epoch %d/%d batch %d/%d loss %.4f %.3f s/batch",
            label,
            "#".repeat(filled),
            ".".repeat(barWidth - filled),
            epoch + 1,
            epochs,
            b + 1,
            total,
            loss,
            secPerBatch);
    int pad = Math.max(0, width - line.length());
    width = line.length();
    out.print("\r" + line + " ".repeat(pad));
    if (last) {
      out.println();
    }
    out.flush();
  }
}
