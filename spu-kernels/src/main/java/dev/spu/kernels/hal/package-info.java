/**
 * The hardware abstraction layer: typed values ({@link dev.spu.kernels.hal.HalValue}), fixed-point
 * encoding ({@link dev.spu.kernels.hal.FixedPoint}) and the ops, dispatched on dtype and visibility
 * down to the protocol primitives. Public ⊗ public is plaintext on every party, secret ⊗ public is
 * local on shares, secret ⊗ secret is interactive. See the module README for the dispatch table.
 */
package dev.spu.kernels.hal;
