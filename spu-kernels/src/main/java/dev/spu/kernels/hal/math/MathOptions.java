package dev.spu.kernels.hal.math;

import java.util.Objects;

/**
 * The choice of approximation where several make sense; part of the runtime config, identical on
 * every party. The defaults meet the accuracy target of {@link MathKernels} (|err| ≤ 1e-4 +
 * 1e-3·|exact| on the documented domains at f = 18); the alternatives are cheaper and less
 * accurate.
 *
 * @param exp method of {@code exponential} (and of {@code power} through exp)
 * @param sigmoid method of {@code logistic}
 */
public record MathOptions(Exp exp, Sigmoid sigmoid) {
  /** exp methods. */
  public enum Exp {
    /** exp2 split: integer part through boolean shares, degree-6 polynomial on the fraction. */
    SPLIT("exp2-split"),
    /**
     * (1 + x/2^8)^(2^8): 8 squarings, no bit decomposition; misses the target for |x| ≳ 1 and is
     * undefined outside [−256, 17].
     */
    LIMIT("limit-8");

    private final String label;

    Exp(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** sigmoid methods. */
  public enum Sigmoid {
    /** 1/(1 + exp(−|x|)) by symmetry, with the exp2 split and Goldschmidt. */
    EXP_RECIPROCAL("exp-reciprocal"),
    /** 0.5 + 0.125·x clamped to [0, 1] (SPU's cheapest): one comparison batch, error up to 0.07. */
    LINEAR("linear-clamp");

    private final String label;

    Sigmoid(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public static final MathOptions DEFAULT = new MathOptions(Exp.SPLIT, Sigmoid.EXP_RECIPROCAL);

  public MathOptions {
    Objects.requireNonNull(exp, "exp");
    Objects.requireNonNull(sigmoid, "sigmoid");
  }

  public MathOptions withExp(Exp e) {
    return new MathOptions(e, sigmoid);
  }

  public MathOptions withSigmoid(Sigmoid s) {
    return new MathOptions(exp, s);
  }
}
