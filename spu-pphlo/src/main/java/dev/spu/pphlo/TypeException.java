package dev.spu.pphlo;

/**
 * An ill-typed operation: wrong operand count, shapes, dtypes, visibilities or attributes. The
 * message names the op, its operand types and what was expected. Never carries tensor values.
 */
public class TypeException extends RuntimeException {
  public TypeException(String message) {
    super(message);
  }
}
