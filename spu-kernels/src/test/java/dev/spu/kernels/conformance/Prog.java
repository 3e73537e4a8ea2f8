package dev.spu.kernels.conformance;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.FunctionBuilder;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Visibility;
import java.util.ArrayList;
import java.util.List;

/** A test program under construction: arguments with their ring data, ops, and outputs. */
final class Prog {
  final FunctionBuilder b = new FunctionBuilder("main");
  final List<long[]> data = new ArrayList<>();

  Value arg(TensorType t, long[] ring) {
    data.add(ring);
    return b.addArgument(t);
  }

  Value arg(Visibility v, DType d, int[] shape, long[] ring) {
    return arg(new TensorType(Shape.of(shape), d, v), ring);
  }

  Value op(String name, Value... xs) {
    return b.op(name, Attributes.EMPTY, xs);
  }

  Value op(String name, Attributes a, Value... xs) {
    return b.op(name, a, xs);
  }

  Value op(String name, Attributes a, TensorType declared, Value... xs) {
    return b.op(name, a, declared, xs);
  }

  /**
   * A predicate holding {@code bits} of one of three kinds: {@code pub} (public i1 argument),
   * {@code secA} (secret i1 input: an arithmetic 0/1 share) or {@code secB} (a secret comparison
   * result: a boolean share).
   */
  Value pred(String kind, int[] shape, long[] bits) {
    return switch (kind) {
      case "pub" -> arg(Visibility.PUBLIC, DType.I1, shape, bits);
      case "secA" -> arg(Visibility.SECRET, DType.I1, shape, bits);
      case "secB" -> {
        Value x = arg(Visibility.SECRET, DType.I64, shape, bits);
        Value zero = arg(Visibility.PUBLIC, DType.I64, shape, new long[bits.length]);
        yield op("greater", x, zero);
      }
      default -> throw new IllegalArgumentException(kind);
    };
  }

  Function build(Value... outs) {
    return b.build(outs);
  }
}
