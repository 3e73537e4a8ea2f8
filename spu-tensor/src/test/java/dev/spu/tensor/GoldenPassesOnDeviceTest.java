package dev.spu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Parser;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.passes.PassPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Semantic preservation and cost of every golden pass case (spu-pphlo's test resources): the input
 * program and its rewrite by the pass run on random inputs under ref2k and aby3 and must agree
 * within the pass's stated tolerance; on aby3 the rewrite of a firing case must send fewer bytes.
 */
class GoldenPassesOnDeviceTest {
  static final Path CASES = Paths.get("../spu-pphlo/src/test/resources/passes");

  /** |got − want| ≤ tol·max(1, |want|). */
  static double tolerance(String pass) {
    return switch (pass) {
        // y/(sqrt(x)+c) → y·rsqrt(x+eps): c ≤ 2^-8 against sqrt(x) ≥ 0.5 here, plus the two
        // approximations (sqrt+divide vs rsqrt, each about 1e-4 relative).
      case "rsqrt" -> 2e-2;
      default -> 1e-3;
    };
  }

  @TestFactory
  Stream<DynamicTest> goldenCasesKeepTheirResults() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CASES), "spu-pphlo golden cases not found");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CASES)) {
      for (Path in : files.filter(p -> p.toString().endsWith(".input.pphlo")).sorted().toList()) {
        String pass = in.getParent().getFileName().toString();
        String name = in.getFileName().toString().replace(".input.pphlo", "");
        for (String protocol : new String[] {"ref2k", "aby3"}) {
          tests.add(
              DynamicTest.dynamicTest(
                  pass + "/" + name + " on " + protocol, () -> check(pass, name, in, protocol)));
        }
      }
    }
    return tests.stream();
  }

  private static void check(String pass, String name, Path in, String protocol) throws Exception {
    Module before = Parser.parse(Files.readString(in));
    PassPipeline.Result r = PassPipeline.parse(pass).run(before);
    Module after = r.module();
    try (Device spu =
        Spu.simulate(SimConfig.of(protocol, protocol.equals("ref2k") ? 1 : 3).withSeed(3))) {
      Random rnd = new Random(name.hashCode() * 31L + pass.hashCode());
      SecretTensor[] args = inputs(spu, before, rnd);
      List<double[]> want = new ArrayList<>();
      List<double[]> got = new ArrayList<>();
      CommTotals cb = spu.measure(() -> reveal(spu.run(before, args), want));
      CommTotals ca = spu.measure(() -> reveal(spu.run(after, args), got));
      double tol = tolerance(pass);
      for (int i = 0; i < want.size(); i++) {
        for (int j = 0; j < want.get(i).length; j++) {
          double w = want.get(i)[j];
          double g = got.get(i)[j];
          assertThat(Math.abs(g - w))
              .as("%s/%s on %s: output %d element %d: %s vs %s", pass, name, protocol, i, j, g, w)
              .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(w)));
        }
      }
      if (protocol.equals("aby3") && r.totalRewrites() > 0) {
        System.err.printf(
            "%s/%s on aby3: %d B -> %d B, %d -> %d rounds%n",
            pass, name, cb.bytes(), ca.bytes(), cb.rounds(), ca.rounds());
        // dce of public-only ops and cse of constants save no messages; the rest must.
        assertThat(ca.bytes()).as(pass + "/" + name + " bytes").isLessThanOrEqualTo(cb.bytes());
        if (!Set.of("dce", "cse").contains(pass) || cb.bytes() > 0) {
          assertThat(ca.bytes()).as(pass + "/" + name + " bytes").isLessThan(cb.bytes());
        }
      }
    }
  }

  private static void reveal(List<SecretTensor> outs, List<double[]> into) {
    for (SecretTensor t : outs) {
      into.add(t.revealDoubles());
    }
  }

  /**
   * Random arguments of the function's types: fixed point in [−4, 4] (in [0.25, 4] for values a
   * sqrt or rsqrt reads), small integers, random bits; public arguments as constants.
   */
  private static SecretTensor[] inputs(Device spu, Module m, Random rnd) {
    List<Value> args = m.main().arguments();
    SecretTensor[] out = new SecretTensor[args.size()];
    for (int i = 0; i < out.length; i++) {
      Value a = args.get(i);
      TensorType t = a.type();
      int n = t.numElements();
      Shape s = t.shape();
      boolean positive = feedsRoot(m, a);
      if (t.dtype().isFixedPoint()) {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
          x[j] = positive ? 0.25 + rnd.nextDouble() * 3.75 : (rnd.nextDouble() - 0.5) * 8;
        }
        out[i] = t.isSecret() ? spu.input("alice", x, t.dtype(), s) : spu.constant(x, t.dtype(), s);
      } else {
        long[] x = new long[n];
        for (int j = 0; j < n; j++) {
          x[j] = t.dtype() == DType.I1 ? rnd.nextInt(2) : rnd.nextInt(21) - 10;
        }
        out[i] = t.isSecret() ? spu.input("alice", x, t.dtype(), s) : spu.constant(x, t.dtype(), s);
      }
    }
    return out;
  }

  private static boolean feedsRoot(Module m, Value v) {
    for (Operation op : m.main().body()) {
      if ((op.name().equals("sqrt") || op.name().equals("rsqrt")) && op.operand(0) == v) {
        return true;
      }
    }
    return false;
  }
}
