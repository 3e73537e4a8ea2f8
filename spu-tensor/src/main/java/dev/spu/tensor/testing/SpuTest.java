package dev.spu.tensor.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that gets a fresh simulated {@link dev.spu.tensor.Device} per invocation, optionally over
 * a protocol matrix; each protocol is a separate test invocation named after it ({@code aby3 (3
 * parties)}). Parameters the test may declare: {@code Device}, {@link SpuProtocol}, {@code
 * SimConfig}, {@link RevealLog} and {@link MessageLog} (declaring one starts recording every
 * message between the endpoints). The device is closed after the invocation.
 *
 * <pre>{@code
 * @SpuTest(matrix = true)                       // ref2k, semi2k x2, semi2k x3, aby3
 * void addsPrivately(Device spu) {
 *   SecretTensor x = spu.input("alice", new double[] {1.5, -2});
 *   assertThat(x.add(x)).isCloseTo(new double[] {3, -4}, withinFixedPoint());
 * }
 * }</pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(SpuExtension.class)
public @interface SpuTest {
  /** Seed value meaning "secure randomness" (the default). */
  long SECURE_RANDOMNESS = Long.MIN_VALUE;

  /** The protocols to run on, one invocation each (default: ABY3). Ignored with {@link #matrix}. */
  SpuProtocol[] value() default {SpuProtocol.ABY3};

  /** Runs on every {@link SpuProtocol}: REF2K, SEMI2K with 2 and 3 parties, ABY3. */
  boolean matrix() default false;

  /** Fixed-point fraction bits of the device. */
  int fractionBits() default 18;

  /** A fixed randomness seed for reproducible shares; secure randomness by default. */
  long seed() default SECURE_RANDOMNESS;
}
