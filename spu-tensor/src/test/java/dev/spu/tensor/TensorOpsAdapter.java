package dev.spu.tensor;

import dev.spu.pphlo.DType;
import java.util.List;

/** The SecretTensor interpretation of a {@link Program} (eager or, inside jit, traced). */
final class TensorOpsAdapter implements Program.Ops<SecretTensor> {
  private final List<SecretTensor> leaves;

  TensorOpsAdapter(List<SecretTensor> leaves) {
    this.leaves = leaves;
  }

  @Override
  public SecretTensor leaf(int i) {
    return leaves.get(i);
  }

  @Override
  public SecretTensor arith(String op, SecretTensor a, SecretTensor b) {
    return switch (op) {
      case "add" -> a.add(b);
      case "subtract" -> a.sub(b);
      case "multiply" -> a.mul(b);
      case "maximum" -> a.maximum(b);
      case "minimum" -> a.minimum(b);
      default -> throw new IllegalArgumentException(op);
    };
  }

  @Override
  public SecretTensor safeDiv(SecretTensor a, SecretTensor b) {
    return a.div(b.abs().add(1.0));
  }

  @Override
  public SecretTensor unary(String op, SecretTensor a) {
    return op.equals("negate") ? a.neg() : a.abs();
  }

  @Override
  public SecretTensor scalar(String op, SecretTensor a, double s, boolean integral) {
    if (integral) {
      return op.equals("addS") ? a.add((long) s) : a.mul((long) s);
    }
    return op.equals("addS") ? a.add(s) : a.mul(s);
  }

  @Override
  public SecretTensor compare(String op, SecretTensor a, SecretTensor b) {
    return switch (op) {
      case "greater" -> a.greater(b);
      case "greater_equal" -> a.greaterEqual(b);
      case "less" -> a.less(b);
      case "less_equal" -> a.lessEqual(b);
      case "equal" -> a.equal(b);
      default -> a.notEqual(b);
    };
  }

  @Override
  public SecretTensor compareScalar(String op, SecretTensor a, double s) {
    return switch (op) {
      case "greater" -> a.greater(s);
      case "greater_equal" -> a.greaterEqual(s);
      case "less" -> a.less(s);
      case "less_equal" -> a.lessEqual(s);
      case "equal" -> a.equal(s);
      default -> a.notEqual(s);
    };
  }

  @Override
  public SecretTensor logic(String op, SecretTensor a, SecretTensor b) {
    return switch (op) {
      case "and" -> a.and(b);
      case "or" -> a.or(b);
      default -> a.xor(b);
    };
  }

  @Override
  public SecretTensor not(SecretTensor a) {
    return a.not();
  }

  @Override
  public SecretTensor select(SecretTensor p, SecretTensor a, SecretTensor b) {
    return SecretTensor.where(p, a, b);
  }

  @Override
  public SecretTensor reduce(String op, SecretTensor a, int axis, boolean keep) {
    int[] ax = {axis};
    return switch (op) {
      case "sum" -> a.sum(ax, keep);
      case "max" -> a.max(ax, keep);
      case "min" -> a.min(ax, keep);
      default -> a.mean(ax, keep);
    };
  }

  @Override
  public SecretTensor matmul(SecretTensor a, SecretTensor b) {
    return a.matmul(b);
  }

  @Override
  public SecretTensor transpose(SecretTensor a, int[] perm) {
    return a.transpose(perm);
  }

  @Override
  public SecretTensor reshape(SecretTensor a, int[] shape) {
    return a.reshape(shape);
  }

  @Override
  public SecretTensor slice(SecretTensor a, int axis, int start, int limit) {
    return a.slice(axis, start, limit);
  }

  @Override
  public SecretTensor concat(int axis, SecretTensor a, SecretTensor b) {
    return SecretTensor.concat(axis, a, b);
  }

  @Override
  public SecretTensor pad(SecretTensor a, int[] lo, int[] hi, double v) {
    return a.pad(lo, hi, v);
  }

  @Override
  public SecretTensor castFloat(SecretTensor a) {
    return a.cast(DType.F32);
  }

  @Override
  public SecretTensor castInt(SecretTensor a) {
    return a.cast(DType.I32);
  }

  @Override
  public SecretTensor broadcastTo(SecretTensor a, int[] shape) {
    return a.broadcastTo(shape);
  }

  @Override
  public SecretTensor get(SecretTensor a, int i) {
    return a.get(i);
  }

  @Override
  public SecretTensor clamp(SecretTensor a, double lo, double hi) {
    return a.clamp(lo, hi);
  }
}
