package dev.spu.tensor;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J interop: INDArray float/double become f32/f64 (fixed point), int/long i32/i64, bool i1;
 * results come back as INDArrays of the matching ND4J type. Row-major ('c') order throughout.
 */
final class NdArrays {
  private NdArrays() {}

  static DType dtypeOf(INDArray a) {
    DataType t = a.dataType();
    return switch (t) {
      case DOUBLE -> DType.F64;
      case FLOAT, HALF, BFLOAT16 -> t == DataType.FLOAT ? DType.F32 : DType.F16;
      case LONG, UINT32 -> DType.I64;
      case INT, UINT16 -> DType.I32;
      case SHORT, UBYTE -> DType.I16;
      case BYTE -> DType.I8;
      case BOOL -> DType.I1;
      default ->
          throw new IllegalArgumentException(
              "unsupported INDArray data type " + t + " (use float, double, int, long or bool)");
    };
  }

  static Shape shapeOf(INDArray a) {
    return Shape.of(a.shape());
  }

  private static INDArray flat(INDArray a) {
    return a.reshape('c', new long[] {a.length()});
  }

  static double[] doubles(INDArray a) {
    if (a.length() == 0) {
      return new double[0];
    }
    return flat(a.castTo(DataType.DOUBLE)).toDoubleVector();
  }

  static long[] longs(INDArray a) {
    if (a.length() == 0) {
      return new long[0];
    }
    return flat(a.castTo(DataType.LONG)).toLongVector();
  }

  /** Decoded values to an INDArray of the dtype's ND4J type. */
  static INDArray fromDoubles(double[] v, Shape shape, DType dtype) {
    DataType t = dtype == DType.F64 ? DataType.DOUBLE : DataType.FLOAT;
    return Nd4j.create(v, shape.dimsAsLong(), t);
  }

  static INDArray fromLongs(long[] v, Shape shape, DType dtype) {
    INDArray a;
    switch (dtype) {
      case I1 -> {
        boolean[] b = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
          b[i] = v[i] != 0;
        }
        a = Nd4j.createFromArray(b);
      }
      case I64 -> a = Nd4j.createFromArray(v);
      default -> {
        int[] x = new int[v.length];
        for (int i = 0; i < v.length; i++) {
          x[i] = (int) v[i];
        }
        a = Nd4j.createFromArray(x);
        if (dtype != DType.I32) {
          a = a.castTo(dtype == DType.I16 ? DataType.SHORT : DataType.BYTE);
        }
      }
    }
    return a.reshape('c', shape.dimsAsLong());
  }
}
