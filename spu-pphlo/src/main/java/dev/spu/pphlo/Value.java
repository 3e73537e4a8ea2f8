package dev.spu.pphlo;

/**
 * An SSA value: a function argument or an operation result. Identity is by object; names are given
 * by the printer ({@code %arg0}, {@code %3}).
 */
public final class Value {
  private final TensorType type;

  public Value(TensorType type) {
    this.type = type;
  }

  public TensorType type() {
    return type;
  }

  @Override
  public String toString() {
    return "Value(" + type + ")";
  }
}
