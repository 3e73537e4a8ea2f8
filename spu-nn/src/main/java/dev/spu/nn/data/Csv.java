package dev.spu.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** A minimal loader of numeric CSV: comma-separated numbers, one row per line. */
public final class Csv {
  private Csv() {}

  /**
   * The rows of {@code in}, skipping {@code skipLines} header lines and blank lines; every row must
   * have the same number of columns.
   */
  public static double[][] read(Reader in, int skipLines) throws IOException {
    BufferedReader r = new BufferedReader(in);
    List<double[]> rows = new ArrayList<>();
    String line;
    int lineNo = 0;
    int width = -1;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (lineNo <= skipLines || line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (width < 0) {
        width = cells.length;
      } else if (cells.length != width) {
        throw new IOException(
            "line " + lineNo + " has " + cells.length + " columns, expected " + width);
      }
      double[] row = new double[width];
      for (int i = 0; i < width; i++) {
        try {
          row[i] = Double.parseDouble(cells[i].trim());
        } catch (NumberFormatException e) {
          throw new IOException("line " + lineNo + ", column " + (i + 1) + ": not a number", e);
        }
      }
      rows.add(row);
    }
    return rows.toArray(new double[0][]);
  }
}
