/**
 * The user API: {@link dev.spu.tensor.SecretTensor} (NumPy-like, immutable handles), {@link
 * dev.spu.tensor.Device} (created by {@link dev.spu.tensor.Spu#simulate}), {@link
 * dev.spu.tensor.JitFunction}. Eager and jit mode share one path: each op is recorded as PPHLO by
 * {@code dev.spu.trace} and executed by the parties through spu-kernels. The user side holds types
 * and handles only; shares stay in per-party tables.
 */
package dev.spu.tensor;
