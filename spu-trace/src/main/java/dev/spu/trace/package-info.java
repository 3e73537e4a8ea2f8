/**
 * The frontend recorder: {@link dev.spu.trace.Tracer} builds a PPHLO function op by op (typed by
 * spu-pphlo's rules as it goes), {@link dev.spu.trace.TraceContext} holds the thread's current
 * trace, {@link dev.spu.trace.TensorOps} lowers NumPy semantics to PPHLO, {@link
 * dev.spu.trace.TraceCache} keeps traced programs by {@link dev.spu.trace.Signature}, and {@link
 * dev.spu.trace.Autodiff} records gradients as PPHLO with one {@link dev.spu.trace.VjpRule} per op
 * ({@link dev.spu.trace.VjpRegistry}). Types only: no values, shares or networks.
 */
package dev.spu.trace;
