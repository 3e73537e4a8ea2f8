package dev.spu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.tensor.Plain.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Eager and jit run the same randomized SecretTensor programs (seeded; random shapes with
 * broadcasting, mixed public/secret leaves, i32 and f32, negatives and zeros) and must agree with a
 * double-precision plaintext evaluation.
 *
 * <p>Tolerances: integers and predicates exactly; fixed point (f = 18) within {@code 1e-2 +
 * 1e-2·|expected|} (truncation ulps and the division approximation, compounded over a few ops).
 * Eager and jit agree exactly under REF2K; under randomized protocols their fixed-point results may
 * differ by truncation ulps, so they are held to the same tolerance.
 */
class RandomProgramsTest {
  static final int PROGRAMS = 60;
  static final double ABS_TOL = 1e-2;
  static final double REL_TOL = 1e-2;

  @ParameterizedTest(name = "{0} with {1} parties")
  @CsvSource({"ref2k, 1", "semi2k, 2", "aby3, 3"})
  void eagerAndJitAgreeWithPlaintext(String protocol, int parties) {
    try (Device spu = Spu.simulate(SimConfig.of(protocol, parties).withSeed(7))) {
      for (int i = 0; i < PROGRAMS; i++) {
        long seed = 1000 + i;
        Program p = new Program(seed);
        try {
          check(spu, p, protocol.equals("ref2k"));
        } catch (AssertionError | RuntimeException e) {
          throw new AssertionError(
              protocol + " program seed " + seed + ": " + p.root + " -> " + e.getMessage(), e);
        }
      }
    }
  }

  private static void check(Device spu, Program p, boolean exactAgreement) {
    List<Plain> plainLeaves = new ArrayList<>();
    List<SecretTensor> leaves = new ArrayList<>();
    for (Program.Leaf l : p.leaves) {
      plainLeaves.add(new Plain(l.data(), l.shape(), l.kind()));
      DType d = l.kind() == Kind.INT ? DType.I32 : DType.F32;
      Shape s = Shape.of(l.shape());
      leaves.add(
          l.owner() != null ? spu.input(l.owner(), l.data(), d, s) : spu.constant(l.data(), d, s));
    }
    Plain expected = Program.eval(p.root, new PlainOps(plainLeaves));

    SecretTensor eager = Program.eval(p.root, new TensorOpsAdapter(leaves));
    JitFunction<SecretTensor> f =
        spu.jit(leaves.size(), args -> Program.eval(p.root, new TensorOpsAdapter(List.of(args))));
    SecretTensor jit = f.call(leaves.toArray(new SecretTensor[0]));

    DType want =
        switch (expected.kind) {
          case BOOL -> DType.I1;
          case INT -> DType.I32;
          case FLOAT -> DType.F32;
        };
    for (SecretTensor t : List.of(eager, jit)) {
      assertThat(t.shape()).isEqualTo(Shape.of(expected.shape));
      assertThat(t.dtype()).isEqualTo(want);
      assertThat(t.isSecret()).isEqualTo(p.anySecret());
    }
    double[] e = eager.revealDoubles();
    double[] j = jit.revealDoubles();
    assertClose("eager", e, expected);
    assertClose("jit", j, expected);
    if (exactAgreement || expected.kind != Kind.FLOAT) {
      assertThat(j).as("jit vs eager").containsExactly(e);
    }
  }

  private static void assertClose(String mode, double[] got, Plain expected) {
    assertThat(got.length).isEqualTo(expected.v.length);
    for (int i = 0; i < got.length; i++) {
      double x = expected.v[i];
      double tol = expected.kind == Kind.FLOAT ? ABS_TOL + REL_TOL * Math.abs(x) : 0;
      if (!(Math.abs(got[i] - x) <= tol)) {
        throw new AssertionError(
            mode
                + " element "
                + i
                + ": got "
                + got[i]
                + ", expected "
                + x
                + " (tolerance "
                + tol
                + ")\n got "
                + Arrays.toString(got)
                + "\n expected "
                + Arrays.toString(expected.v));
      }
    }
  }
}
