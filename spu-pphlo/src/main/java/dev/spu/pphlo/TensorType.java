package dev.spu.pphlo;

import java.util.Objects;

/**
 * The PPHLO tensor type {@code <shape, dtype, visibility>}, printed as {@code
 * tensor<4x!pphlo.sec<i32>>} (a scalar: {@code tensor<!pphlo.pub<f32>>}).
 */
public record TensorType(Shape shape, DType dtype, Visibility visibility) {
  public TensorType {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(visibility, "visibility");
  }

  public static TensorType of(Shape shape, DType dtype, Visibility visibility) {
    return new TensorType(shape, dtype, visibility);
  }

  public static TensorType secret(DType dtype, int... dims) {
    return new TensorType(Shape.of(dims), dtype, Visibility.SECRET);
  }

  public static TensorType pub(DType dtype, int... dims) {
    return new TensorType(Shape.of(dims), dtype, Visibility.PUBLIC);
  }

  public TensorType withShape(Shape s) {
    return new TensorType(s, dtype, visibility);
  }

  public TensorType withDType(DType t) {
    return new TensorType(shape, t, visibility);
  }

  public TensorType withVisibility(Visibility v) {
    return new TensorType(shape, dtype, v);
  }

  public boolean isSecret() {
    return visibility == Visibility.SECRET;
  }

  public int numElements() {
    return shape.numElements();
  }

  @Override
  public String toString() {
    String elem = "!pphlo." + visibility.mlirName() + "<" + dtype.mlirName() + ">";
    return shape.rank() == 0 ? "tensor<" + elem + ">" : "tensor<" + shape + "x" + elem + ">";
  }
}
