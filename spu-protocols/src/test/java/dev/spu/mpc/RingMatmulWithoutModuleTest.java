package dev.spu.mpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} falls back to the scalar kernel.
 */
class RingMatmulWithoutModuleTest {
  /** Run in the child JVM: prints the kernel and one product. */
  public static void main(String[] args) {
    long[] c = Ring.matmul(new long[] {1, 2, 3, 4}, new long[] {5, 6, 7, 8}, 2, 2, 2);
    System.out.println(RingMatmul.defaultKernel() + " " + java.util.Arrays.toString(c));
  }

  @Test
  void fallsBackToTheScalarKernel() throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    RingMatmulWithoutModuleTest.class.getName()))
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).isEqualTo("SCALAR [19, 22, 43, 50]");
  }
}
