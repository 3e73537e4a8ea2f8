package dev.spu.tensor;

import dev.spu.tensor.Plain.Kind;
import java.util.List;

/** The plaintext double-precision interpretation of a {@link Program}. */
final class PlainOps implements Program.Ops<Plain> {
  private final List<Plain> leaves;

  PlainOps(List<Plain> leaves) {
    this.leaves = leaves;
  }

  @Override
  public Plain leaf(int i) {
    return leaves.get(i);
  }

  @Override
  public Plain arith(String op, Plain a, Plain b) {
    return Plain.arith(
        a,
        b,
        switch (op) {
          case "add" -> Double::sum;
          case "subtract" -> (x, y) -> x - y;
          case "multiply" -> (x, y) -> x * y;
          case "maximum" -> Math::max;
          case "minimum" -> Math::min;
          default -> throw new IllegalArgumentException(op);
        });
  }

  @Override
  public Plain safeDiv(Plain a, Plain b) {
    return Plain.binary(a, b, (x, y) -> x / (Math.abs(y) + 1), Kind.FLOAT);
  }

  @Override
  public Plain unary(String op, Plain a) {
    return a.map(op.equals("negate") ? x -> -x : Math::abs);
  }

  @Override
  public Plain scalar(String op, Plain a, double s, boolean integral) {
    Plain r = a.map(op.equals("addS") ? x -> x + s : x -> x * s);
    return integral ? r : r.withKind(Kind.FLOAT);
  }

  private static boolean cmp(String op, double x, double y) {
    return switch (op) {
      case "greater" -> x > y;
      case "greater_equal" -> x >= y;
      case "less" -> x < y;
      case "less_equal" -> x <= y;
      case "equal" -> x == y;
      case "not_equal" -> x != y;
      default -> throw new IllegalArgumentException(op);
    };
  }

  @Override
  public Plain compare(String op, Plain a, Plain b) {
    return Plain.compare(a, b, (x, y) -> cmp(op, x, y) ? 1 : 0);
  }

  @Override
  public Plain compareScalar(String op, Plain a, double s) {
    return a.map(x -> cmp(op, x, s) ? 1 : 0).withKind(Kind.BOOL);
  }

  @Override
  public Plain logic(String op, Plain a, Plain b) {
    return Plain.binary(
        a,
        b,
        switch (op) {
          case "and" -> (x, y) -> x != 0 && y != 0 ? 1 : 0;
          case "or" -> (x, y) -> x != 0 || y != 0 ? 1 : 0;
          default -> (x, y) -> (x != 0) != (y != 0) ? 1 : 0;
        },
        Kind.BOOL);
  }

  @Override
  public Plain not(Plain a) {
    return a.map(x -> x != 0 ? 0 : 1);
  }

  @Override
  public Plain select(Plain p, Plain a, Plain b) {
    return Plain.select(p, a, b);
  }

  @Override
  public Plain reduce(String op, Plain a, int axis, boolean keep) {
    return switch (op) {
      case "sum" -> a.reduce(axis, keep, Double::sum);
      case "max" -> a.reduce(axis, keep, Math::max);
      case "min" -> a.reduce(axis, keep, Math::min);
      default -> {
        int n = a.shape[axis];
        yield a.reduce(axis, keep, Double::sum).map(x -> x / n).withKind(Kind.FLOAT);
      }
    };
  }

  @Override
  public Plain matmul(Plain a, Plain b) {
    return Plain.matmul(a, b);
  }

  @Override
  public Plain transpose(Plain a, int[] perm) {
    return a.transpose(perm);
  }

  @Override
  public Plain reshape(Plain a, int[] shape) {
    return a.reshape(shape);
  }

  @Override
  public Plain slice(Plain a, int axis, int start, int limit) {
    return a.slice(axis, start, limit);
  }

  @Override
  public Plain concat(int axis, Plain a, Plain b) {
    return Plain.concat(axis, a, b);
  }

  @Override
  public Plain pad(Plain a, int[] lo, int[] hi, double v) {
    return a.pad(lo, hi, v);
  }

  @Override
  public Plain castFloat(Plain a) {
    return a.withKind(Kind.FLOAT);
  }

  @Override
  public Plain castInt(Plain a) {
    return a.withKind(Kind.INT);
  }

  @Override
  public Plain broadcastTo(Plain a, int[] shape) {
    return a.broadcastTo(shape);
  }

  @Override
  public Plain get(Plain a, int i) {
    int k = i < 0 ? i + a.shape[0] : i;
    return a.slice(0, k, k + 1).reshape(Plain.drop(a.shape, 0));
  }

  @Override
  public Plain clamp(Plain a, double lo, double hi) {
    return a.map(x -> Math.min(Math.max(x, lo), hi));
  }
}
