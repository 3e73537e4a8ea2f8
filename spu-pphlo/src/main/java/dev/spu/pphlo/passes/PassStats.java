package dev.spu.pphlo.passes;

/**
 * What one pass of a pipeline did to a module.
 *
 * @param pass the pass name
 * @param rewrites ops replaced (summed over the module's functions)
 * @param opsBefore ops in the module before the pass
 * @param opsAfter ops after it
 * @param micros wall time of the pass, microseconds
 */
public record PassStats(String pass, int rewrites, int opsBefore, int opsAfter, long micros) {}
