package dev.spu.kernels.hal;

import dev.spu.pphlo.TypeException;

/**
 * An operation the runtime cannot (yet) perform for these operand types and visibilities, such as a
 * division by a secret. A {@link TypeException}: the program is well formed, but its types ask for
 * a capability that is not there; the message names the op, the types and the way around.
 */
public class UnsupportedOpException extends TypeException {
  public UnsupportedOpException(String message) {
    super(message);
  }
}
