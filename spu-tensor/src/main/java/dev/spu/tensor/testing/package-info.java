/**
 * Testing support for users and the project's upper modules: the JUnit 5 extension {@link
 * dev.spu.tensor.testing.SpuTest} / {@link dev.spu.tensor.testing.SpuExtension} (a simulated device
 * per invocation, optionally over the protocol matrix REF2K, SEMI2K with 2 and 3 parties, ABY3) and
 * AssertJ assertions ({@link dev.spu.tensor.testing.SpuAssertions}) for tensors, devices and
 * INDArrays, with privacy checks built on the {@link dev.spu.tensor.testing.RevealLog} and {@link
 * dev.spu.tensor.testing.MessageLog}. JUnit Jupiter API and AssertJ are optional dependencies of
 * spu-tensor: bring them in test scope to use this package.
 */
package dev.spu.tensor.testing;
