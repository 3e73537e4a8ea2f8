package dev.spu.samples;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format 1.0–3.0, C order): {@code <f4 <f8} become f32/f64 doubles,
 * {@code i1 i2 i4 i8} and {@code u1 u2 u4} integers of the matching PPHLO dtype (unsigned ones
 * widened as the importer does), {@code |b1} booleans (i1). Big-endian and Fortran-order arrays are
 * rejected with a message.
 */
public final class NpyFile {
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** An array read from a file: exactly one of {@code doubles} and {@code longs} is non-null. */
  public record Array(Shape shape, DType dtype, double[] doubles, long[] longs) {}

  private NpyFile() {}

  public static Array read(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    if (b.length < 10 || (b[0] & 0xff) != 0x93 || b[1] != 'N' || b[2] != 'U' || b[3] != 'M') {
      throw new IOException(file + ": not a .npy file (bad magic)");
    }
    int major = b[6];
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int headerLen;
    int start;
    if (major == 1) {
      headerLen = bb.getShort(8) & 0xffff;
      start = 10;
    } else {
      headerLen = bb.getInt(8);
      start = 12;
    }
    String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !s.find()) {
      throw new IOException(file + ": cannot read the .npy header " + header.trim());
    }
    if (f.find() && f.group(1).equals("True")) {
      throw new IOException(
          file + ": Fortran-order arrays are not supported (save a C-order copy)");
    }
    String[] dims = s.group(1).split(",");
    int n = 0;
    int[] shape = new int[dims.length];
    for (String x : dims) {
      if (!x.isBlank()) {
        shape[n++] = Integer.parseInt(x.trim());
      }
    }
    Shape sh = Shape.of(java.util.Arrays.copyOf(shape, n));
    int count = sh.numElements();
    String descr = d.group(1);
    if (descr.startsWith(">")) {
      throw new IOException(file + ": big-endian data (" + descr + ") is not supported");
    }
    String kind = descr.replace("<", "").replace("|", "").replace("=", "");
    bb.position(start + headerLen);
    int need =
        switch (kind) {
          case "f8", "i8", "u8" -> 8;
          case "f4", "i4", "u4" -> 4;
          case "i2", "u2" -> 2;
          case "i1", "u1", "b1" -> 1;
          default ->
              throw new IOException(
                  file + ": dtype " + descr + " is not supported (f4, f8, i1..i8, u1..u4, b1)");
        };
    if (bb.remaining() < (long) need * count) {
      throw new IOException(file + ": truncated data (" + count + " elements of " + descr + ")");
    }
    switch (kind) {
      case "f4", "f8" -> {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
          v[i] = kind.equals("f4") ? bb.getFloat() : bb.getDouble();
        }
        return new Array(sh, kind.equals("f4") ? DType.F32 : DType.F64, v, null);
      }
      default -> {
        long[] v = new long[count];
        for (int i = 0; i < count; i++) {
          v[i] =
              switch (kind) {
                case "i8", "u8" -> bb.getLong();
                case "i4" -> bb.getInt();
                case "u4" -> bb.getInt() & 0xffffffffL;
                case "i2" -> bb.getShort();
                case "u2" -> bb.getShort() & 0xffff;
                case "i1" -> bb.get();
                default -> bb.get() & 0xff; // u1, b1
              };
        }
        DType dt =
            switch (kind) {
              case "i8", "u8", "u4" -> DType.I64;
              case "i4", "u2" -> DType.I32;
              case "i2", "u1" -> DType.I16;
              case "i1" -> DType.I8;
              default -> DType.I1;
            };
        return new Array(sh, dt, null, v);
      }
    }
  }

  /** Writes a C-order little-endian {@code <f8} array (for tests and examples). */
  public static void writeDoubles(Path file, int[] shape, double[] data) throws IOException {
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      dims.append(d).append(", ");
    }
    String sh = shape.length == 1 ? shape[0] + "," : dims.toString().replaceAll(", $", "");
    String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + sh + "), }";
    int total = 10 + header.length() + 1;
    int pad = (64 - total % 64) % 64;
    header = header + " ".repeat(pad) + "\n";
    ByteBuffer bb =
        ByteBuffer.allocate(10 + header.length() + 8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    bb.put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 1)
        .put((byte) 0);
    bb.putShort((short) header.length());
    bb.put(header.getBytes(StandardCharsets.ISO_8859_1));
    for (double x : data) {
      bb.putDouble(x);
    }
    Files.write(file, bb.array());
  }
}
