#!/usr/bin/env python3
"""Writes the self-checking StableHLO examples of this directory (*_check.mlir).

Needs only NumPy (no JAX): the programs are written in the text form JAX prints
(jax.jit(f).lower(...).as_text()) and in the openxla/stablehlo test-data style;
the expected values are computed here in float64 from float32 inputs.

    python3 make_checks.py samples/examples/importer
"""
import sys

import numpy as np


def fmt(v, dt):
    v = float(v)
    if dt == 'f32':
        # MLIR prints f32 with up to 9 significant digits, e.g. 0.249547243, -3.8431851, 1.000000e+00
        if float(np.float32(v)).is_integer() and abs(v) < 1e6:
            return "%.6e" % v
        return "%.9g" % np.float32(v)
    if dt == 'f64':
        return "%.17g" % v
    return str(int(v))

def dense(a, dt):
    a = np.asarray(a)
    if a.ndim == 0:
        return fmt(a, dt)
    flat = a.reshape(-1)
    if len(flat) > 0 and np.all(flat == flat[0]) and a.size > 1:
        return fmt(flat[0], dt)
    def rec(x):
        if x.ndim == 1:
            return "[" + ", ".join(fmt(e, dt) for e in x) + "]"
        return "[" + ", ".join(rec(e) for e in x) + "]"
    return rec(a)

def ttype(a, dt):
    a = np.asarray(a)
    if a.ndim == 0:
        return "tensor<%s>" % dt
    return "tensor<%sx%s>" % ("x".join(str(d) for d in a.shape), dt)

def check_module(name, inputs, expected, body, kind="check.expect_close", result_type=None):
    """inputs: list of (array, dtype); body: lines using %0#i (or %0 if one input), result %r"""
    its = [ttype(a, d) for a, d in inputs]
    et = ttype(expected[0], expected[1])
    rt = result_type or et
    n = len(inputs)
    call = "%0:{} = call @inputs() : () -> ({})".format(n, ", ".join(its)) if n > 1 else "%0 = call @inputs() : () -> {}".format(its[0])
    lines = []
    lines.append("// Self-checking program in the style of openxla/stablehlo's testdata (jax export of %s)." % name)
    lines.append("module @jit_main attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {")
    lines.append("  func.func public @main() -> (%s {jax.result_info = \"\", mhlo.layout_mode = \"default\"}) {" % rt)
    lines.append("    " + call)
    lines.append("    %1 = call @expected() : () -> " + et)
    for l in body:
        lines.append("    " + l)
    lines.append("    stablehlo.custom_call @%s(%%r, %%1) {has_side_effect = true} : (%s, %s) -> ()" % (kind, rt, et))
    lines.append("    return %%r : %s" % rt)
    lines.append("  }")
    res = ", ".join("%s {mhlo.layout_mode = \"default\"}" % t for t in its)
    lines.append("  func.func private @inputs() -> (%s) {" % res)
    names = []
    for i, (a, d) in enumerate(inputs):
        nm = "%cst" if i == 0 else "%%cst_%d" % (i - 1)
        if d.startswith('i') or d.startswith('ui'):
            nm = "%c" if i == 0 else "%%c_%d" % (i - 1)
        names.append(nm)
        lines.append("    %s = stablehlo.constant dense<%s> : %s" % (nm, dense(a, d), ttype(a, d)))
    lines.append("    return %s : %s" % (", ".join(names), ", ".join(its)))
    lines.append("  }")
    lines.append("  func.func private @expected() -> (%s {mhlo.layout_mode = \"default\"}) {" % et)
    lines.append("    %%cst = stablehlo.constant dense<%s> : %s" % (dense(expected[0], expected[1]), et))
    lines.append("    return %%cst : %s" % et)
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(out):
    rng = np.random.default_rng(7)

    def f32(a): return np.asarray(a, dtype=np.float32).astype(np.float64)

    # 1. logistic
    x = f32(rng.normal(0, 3, (4, 5)))
    exp = 1 / (1 + np.exp(-x))
    open(out + '/logistic_check.mlir', 'w').write(check_module('jax.nn.sigmoid (stablehlo.logistic)', [(x, 'f32')], (exp, 'f32'), [
      "%r = stablehlo.logistic %0 : tensor<4x5xf32>"]))

    # 2. dot_general (batched)
    a = f32(rng.normal(0, 1, (2, 3, 4))); b = f32(rng.normal(0, 1, (2, 4, 5)))
    exp = np.einsum('bik,bkj->bij', a, b)
    open(out + '/dot_general_check.mlir', 'w').write(check_module('jnp.matmul on batches (stablehlo.dot_general)', [(a, 'f32'), (b, 'f32')], (exp, 'f32'), [
      "%r = stablehlo.dot_general %0#0, %0#1, batching_dims = [0] x [0], contracting_dims = [2] x [1], precision = [DEFAULT, DEFAULT] : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>"]))

    # 3. reduce_window max, 2x2 stride 2 with padding on a NHWC tensor
    x = f32(rng.normal(0, 2, (1, 5, 5, 2)))
    pad = np.full((1, 6, 6, 2), -np.inf); pad[:, 0:5, 0:5, :] = x   # padding high 1 on H and W
    exp = np.zeros((1, 3, 3, 2))
    for i in range(3):
      for j in range(3):
        exp[0, i, j, :] = pad[0, 2*i:2*i+2, 2*j:2*j+2, :].max(axis=(0, 1))
    open(out + '/reduce_window_max_check.mlir', 'w').write(check_module('flax max_pool(window 2x2, stride 2, SAME) (stablehlo.reduce_window)', [(x, 'f32')], (exp, 'f32'), [
      "%cst = stablehlo.constant dense<0xFF800000> : tensor<f32>",
      "%2 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<f32>",
      "%r = \"stablehlo.reduce_window\"(%0, %2) <{padding = dense<[[0, 0], [0, 1], [0, 1], [0, 0]]> : tensor<4x2xi64>, window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>}> ({",
      "^bb0(%arg0: tensor<f32>, %arg1: tensor<f32>):",
      "  %3 = stablehlo.maximum %arg0, %arg1 : tensor<f32>",
      "  stablehlo.return %3 : tensor<f32>",
      "}) : (tensor<1x5x5x2xf32>, tensor<f32>) -> tensor<1x3x3x2xf32>"]))

    # 4. select_and_scatter (max-pool gradient), as jax.grad of reduce_window max lowers it
    x = f32(rng.normal(0, 2, (2, 4, 6)))
    src = f32(rng.normal(0, 1, (2, 1, 3)))
    exp = np.zeros_like(x)
    # window dims [1, 3, 2], strides [1, 2, 2]: output [2, 1, 3]
    for b in range(2):
      for i in range(1):
        for j in range(3):
          best = None
          for di in range(3):
            for dj in range(2):
              v = x[b, 2*i+di, 2*j+dj]
              if best is None or v > best[0]:
                best = (v, 2*i+di, 2*j+dj)
          exp[b, best[1], best[2]] += src[b, i, j]
    open(out + '/select_and_scatter_check.mlir', 'w').write(check_module('the gradient of max pooling (stablehlo.select_and_scatter)', [(src, 'f32'), (x, 'f32')], (exp, 'f32'), [
      "%cst = stablehlo.constant dense<0xFF800000> : tensor<f32>",
      "%2 = stablehlo.pad %0#1, %cst, low = [0, 0, 0], high = [0, 0, 0], interior = [0, 0, 0] : (tensor<2x4x6xf32>, tensor<f32>) -> tensor<2x4x6xf32>",
      "%cst_0 = stablehlo.constant dense<0.000000e+00> : tensor<f32>",
      "%3 = \"stablehlo.select_and_scatter\"(%2, %0#0, %cst_0) <{window_dimensions = array<i64: 1, 3, 2>, window_strides = array<i64: 1, 2, 2>}> ({",
      "^bb0(%arg0: tensor<f32>, %arg1: tensor<f32>):",
      "  %4 = stablehlo.compare  GE, %arg0, %arg1,  FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>",
      "  stablehlo.return %4 : tensor<i1>",
      "}, {",
      "^bb0(%arg0: tensor<f32>, %arg1: tensor<f32>):",
      "  %4 = stablehlo.add %arg0, %arg1 : tensor<f32>",
      "  stablehlo.return %4 : tensor<f32>",
      "}) : (tensor<2x4x6xf32>, tensor<2x1x3xf32>, tensor<f32>) -> tensor<2x4x6xf32>",
      "%r = stablehlo.slice %3 [0:2, 0:4, 0:6] : (tensor<2x4x6xf32>) -> tensor<2x4x6xf32>"]))

    # 5. convolution NHWC x HWIO, stride 2, padding [[1,2],[0,1]], rhs dilation [1,2]
    x = f32(rng.normal(0, 1, (2, 7, 6, 3)))
    k = f32(rng.normal(0, 1, (3, 2, 3, 4)))
    def conv(x, k, stride, pad, rdil):
      B, H, W, C = x.shape; KH, KW, _, O = k.shape
      xp = np.zeros((B, H + pad[0][0] + pad[0][1], W + pad[1][0] + pad[1][1], C))
      xp[:, pad[0][0]:pad[0][0]+H, pad[1][0]:pad[1][0]+W, :] = x
      sh = (KH - 1) * rdil[0] + 1; sw = (KW - 1) * rdil[1] + 1
      OH = (xp.shape[1] - sh) // stride[0] + 1; OW = (xp.shape[2] - sw) // stride[1] + 1
      out = np.zeros((B, OH, OW, O))
      for i in range(OH):
        for j in range(OW):
          for ky in range(KH):
            for kx in range(KW):
              out[:, i, j, :] += xp[:, i*stride[0] + ky*rdil[0], j*stride[1] + kx*rdil[1], :] @ k[ky, kx]
      return out
    exp = conv(x, k, (2, 2), ((1, 2), (0, 1)), (1, 2))
    oshape = "x".join(str(d) for d in exp.shape)
    open(out + '/convolution_check.mlir', 'w').write(check_module('lax.conv_general_dilated NHWC/HWIO (stablehlo.convolution)', [(x, 'f32'), (k, 'f32')], (exp, 'f32'), [
      "%r = stablehlo.convolution(%0#0, %0#1) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [2, 2], pad = [[1, 2], [0, 1]], rhs_dilate = [1, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<2x7x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<" + oshape + "xf32>"], kind="check.expect_almost_eq"))

    # 6. softmax with -inf reduction
    x = f32(rng.normal(0, 2, (3, 5)))
    e = np.exp(x - x.max(axis=1, keepdims=True)); exp = e / e.sum(axis=1, keepdims=True)
    open(out + '/softmax_check.mlir', 'w').write(check_module('jax.nn.softmax (reduce max with -inf, is_finite)', [(x, 'f32')], (exp, 'f32'), [
      "%cst = stablehlo.constant dense<0xFF800000> : tensor<f32>",
      "%2 = stablehlo.reduce(%0 init: %cst) applies stablehlo.maximum across dimensions = [1] : (tensor<3x5xf32>, tensor<f32>) -> tensor<3xf32>",
      "%cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>",
      "%3 = stablehlo.broadcast_in_dim %cst_0, dims = [] : (tensor<f32>) -> tensor<3xf32>",
      "%4 = stablehlo.maximum %3, %2 : tensor<3xf32>",
      "%5 = stablehlo.is_finite %4 : (tensor<3xf32>) -> tensor<3xi1>",
      "%cst_1 = stablehlo.constant dense<0.000000e+00> : tensor<f32>",
      "%6 = stablehlo.broadcast_in_dim %cst_1, dims = [] : (tensor<f32>) -> tensor<3xf32>",
      "%7 = stablehlo.select %5, %4, %6 : tensor<3xi1>, tensor<3xf32>",
      "%8 = stablehlo.broadcast_in_dim %7, dims = [0] : (tensor<3xf32>) -> tensor<3x1xf32>",
      "%9 = stablehlo.broadcast_in_dim %8, dims = [0, 1] : (tensor<3x1xf32>) -> tensor<3x5xf32>",
      "%10 = stablehlo.subtract %0, %9 : tensor<3x5xf32>",
      "%11 = stablehlo.exponential %10 : tensor<3x5xf32>",
      "%cst_2 = stablehlo.constant dense<0.000000e+00> : tensor<f32>",
      "%12 = stablehlo.reduce(%11 init: %cst_2) applies stablehlo.add across dimensions = [1] : (tensor<3x5xf32>, tensor<f32>) -> tensor<3xf32>",
      "%13 = stablehlo.broadcast_in_dim %12, dims = [0] : (tensor<3xf32>) -> tensor<3x1xf32>",
      "%14 = stablehlo.broadcast_in_dim %13, dims = [0, 1] : (tensor<3x1xf32>) -> tensor<3x5xf32>",
      "%r = stablehlo.divide %11, %14 : tensor<3x5xf32>"]))

    rng = np.random.default_rng(11)
    def f32(a): return np.asarray(a, dtype=np.float32).astype(np.float64)

    # fori_loop: 4 minibatch gradient steps of linear regression, batch i = rows [3i, 3i+3)
    x = f32(rng.normal(0, 1, (12, 3))); y = f32(rng.normal(0, 1, (12,))); w0 = f32(rng.normal(0, 1, (3,)))
    w = w0.copy()
    lr = np.float32(0.1)
    for i in range(4):
      xb = x[3*i:3*i+3]; yb = y[3*i:3*i+3]
      g = xb.T @ (xb @ w - yb) / 3
      w = w - lr * g
    body = [
     "%c = stablehlo.constant dense<0> : tensor<i32>",
     "%c_0 = stablehlo.constant dense<4> : tensor<i32>",
     "%2:3 = stablehlo.while(%iterArg = %c, %iterArg_1 = %c_0, %iterArg_2 = %0#2) : tensor<i32>, tensor<i32>, tensor<3xf32>",
     " cond {",
     "  %3 = stablehlo.compare  LT, %iterArg, %iterArg_1,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>",
     "  stablehlo.return %3 : tensor<i1>",
     "} do {",
     "  %c_3 = stablehlo.constant dense<3> : tensor<i32>",
     "  %3 = stablehlo.multiply %iterArg, %c_3 : tensor<i32>",
     "  %c_4 = stablehlo.constant dense<0> : tensor<i32>",
     "  %4 = stablehlo.compare  LT, %3, %c_4,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>",
     "  %c_5 = stablehlo.constant dense<12> : tensor<i32>",
     "  %5 = stablehlo.add %3, %c_5 : tensor<i32>",
     "  %6 = stablehlo.select %4, %5, %3 : tensor<i1>, tensor<i32>",
     "  %7 = stablehlo.dynamic_slice %0#0, %6, %c_4, sizes = [3, 3] : (tensor<12x3xf32>, tensor<i32>, tensor<i32>) -> tensor<3x3xf32>",
     "  %8 = stablehlo.dynamic_slice %0#1, %6, sizes = [3] : (tensor<12xf32>, tensor<i32>) -> tensor<3xf32>",
     "  %9 = stablehlo.dot_general %7, %iterArg_2, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<3x3xf32>, tensor<3xf32>) -> tensor<3xf32>",
     "  %10 = stablehlo.subtract %9, %8 : tensor<3xf32>",
     "  %11 = stablehlo.dot_general %7, %10, contracting_dims = [0] x [0], precision = [DEFAULT, DEFAULT] : (tensor<3x3xf32>, tensor<3xf32>) -> tensor<3xf32>",
     "  %cst = stablehlo.constant dense<3.000000e+00> : tensor<f32>",
     "  %12 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<3xf32>",
     "  %13 = stablehlo.divide %11, %12 : tensor<3xf32>",
     "  %cst_6 = stablehlo.constant dense<1.000000e-01> : tensor<f32>",
     "  %14 = stablehlo.broadcast_in_dim %cst_6, dims = [] : (tensor<f32>) -> tensor<3xf32>",
     "  %15 = stablehlo.multiply %14, %13 : tensor<3xf32>",
     "  %16 = stablehlo.subtract %iterArg_2, %15 : tensor<3xf32>",
     "  %c_7 = stablehlo.constant dense<1> : tensor<i32>",
     "  %17 = stablehlo.add %iterArg, %c_7 : tensor<i32>",
     "  stablehlo.return %17, %iterArg_1, %16 : tensor<i32>, tensor<i32>, tensor<3xf32>",
     "}",
     "%r = stablehlo.add %2#2, %cst_z : tensor<3xf32>"]
    body.insert(0, "%cst_z = stablehlo.constant dense<0.000000e+00> : tensor<3xf32>")
    open(out + '/while_check.mlir', 'w').write(check_module('jax.lax.fori_loop(0, 4, sgd_step, w): minibatches by dynamic_slice', [(x, 'f32'), (y, 'f32'), (w0, 'f32')], (w, 'f32'), body))

    # case (lax.switch with a constant index) and cond (as case on a converted predicate)
    x = f32(rng.normal(0, 1, (5,)))
    exp = np.tanh(x) * 2
    body = [
     "%c = stablehlo.constant dense<2> : tensor<i32>",
     "%2 = \"stablehlo.case\"(%c) ({",
     "  %3 = stablehlo.negate %0 : tensor<5xf32>",
     "  stablehlo.return %3 : tensor<5xf32>",
     "}, {",
     "  %3 = stablehlo.exponential %0 : tensor<5xf32>",
     "  stablehlo.return %3 : tensor<5xf32>",
     "}, {",
     "  %3 = stablehlo.tanh %0 : tensor<5xf32>",
     "  stablehlo.return %3 : tensor<5xf32>",
     "}) : (tensor<i32>) -> tensor<5xf32>",
     "%t = stablehlo.constant dense<true> : tensor<i1>",
     "%4 = stablehlo.convert %t : (tensor<i1>) -> tensor<i32>",
     "%r = \"stablehlo.case\"(%4) ({",
     "  stablehlo.return %2 : tensor<5xf32>",
     "}, {",
     "  %5 = stablehlo.add %2, %2 : tensor<5xf32>",
     "  stablehlo.return %5 : tensor<5xf32>",
     "}) : (tensor<i32>) -> tensor<5xf32>"]
    open(out + '/case_check.mlir', 'w').write(check_module('jax.lax.switch(2, [neg, exp, tanh], x) then jax.lax.cond(True, double, id)', [(x, 'f32')], (exp, 'f32'), body))



if __name__ == "__main__":
    main(sys.argv[1])
