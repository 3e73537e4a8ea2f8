/**
 * The runtime: the per-party executor ({@link dev.spu.kernels.runtime.PartyRuntime}), the driver
 * endpoint ({@link dev.spu.kernels.runtime.DriverSide}) and the in-JVM simulation ({@link
 * dev.spu.kernels.runtime.LocalCluster}). Message tags come from op ids reserved in program order,
 * so every party pairs its messages by program position.
 */
package dev.spu.kernels.runtime;
