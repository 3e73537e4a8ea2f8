package dev.spu.kernels.runtime;

/**
 * A kernel failed while running a program: the message names the op, its position and its operand
 * types, then the cause's message. Never carries values.
 */
public class KernelException extends RuntimeException {
  public KernelException(String message, Throwable cause) {
    super(message, cause);
  }
}
