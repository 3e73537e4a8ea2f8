// One SGD step (momentum 0.9, learning rate 0.1) of logistic regression on a batch of 64
// examples with 30 features, as JAX exports it:
//
//   def step(w, b, vw, vb, x, y):
//     err = jax.nn.sigmoid(x @ w + b) - y          # d(mean BCE)/d(logit) * batch
//     gw, gb = x.T @ err / 64, jnp.sum(err, 0) / 64
//     vw, vb = 0.9 * vw + gw, 0.9 * vb + gb
//     return w - 0.1 * vw, b - 0.1 * vb, vw, vb
//   print(jax.jit(step).lower(w, b, vw, vb, x, y).as_text())
module @jit_step attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<30x1xf32> {jax.arg_info = "w", mhlo.layout_mode = "default", mhlo.sharding = "{replicated}"}, %arg1: tensor<1xf32> {jax.arg_info = "b", mhlo.layout_mode = "default", mhlo.sharding = "{replicated}"}, %arg2: tensor<30x1xf32> {jax.arg_info = "vw", mhlo.layout_mode = "default", mhlo.sharding = "{replicated}"}, %arg3: tensor<1xf32> {jax.arg_info = "vb", mhlo.layout_mode = "default", mhlo.sharding = "{replicated}"}, %arg4: tensor<64x30xf32> {jax.arg_info = "x", mhlo.layout_mode = "default", mhlo.sharding = "{replicated}"}, %arg5: tensor<64x1xf32> {jax.arg_info = "y", mhlo.layout_mode = "default", mhlo.sharding = "{replicated}"}) -> (tensor<30x1xf32> {jax.result_info = "[0]", mhlo.layout_mode = "default"}, tensor<1xf32> {jax.result_info = "[1]", mhlo.layout_mode = "default"}, tensor<30x1xf32> {jax.result_info = "[2]", mhlo.layout_mode = "default"}, tensor<1xf32> {jax.result_info = "[3]", mhlo.layout_mode = "default"}) {
    %0 = stablehlo.dot_general %arg4, %arg0, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<64x30xf32>, tensor<30x1xf32>) -> tensor<64x1xf32>
    %1 = stablehlo.broadcast_in_dim %arg1, dims = [1] : (tensor<1xf32>) -> tensor<1x1xf32>
    %2 = stablehlo.broadcast_in_dim %1, dims = [0, 1] : (tensor<1x1xf32>) -> tensor<64x1xf32>
    %3 = stablehlo.add %0, %2 : tensor<64x1xf32>
    %4 = call @sigmoid(%3) : (tensor<64x1xf32>) -> tensor<64x1xf32>
    %5 = stablehlo.subtract %4, %arg5 : tensor<64x1xf32>
    %6 = stablehlo.transpose %arg4, dims = [1, 0] : (tensor<64x30xf32>) -> tensor<30x64xf32>
    %7 = stablehlo.dot_general %6, %5, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<30x64xf32>, tensor<64x1xf32>) -> tensor<30x1xf32>
    %cst = stablehlo.constant dense<6.400000e+01> : tensor<f32>
    %8 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<30x1xf32>
    %9 = stablehlo.divide %7, %8 : tensor<30x1xf32>
    %cst_0 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %10 = stablehlo.reduce(%5 init: %cst_0) applies stablehlo.add across dimensions = [0] : (tensor<64x1xf32>, tensor<f32>) -> tensor<1xf32>
    %cst_1 = stablehlo.constant dense<6.400000e+01> : tensor<f32>
    %11 = stablehlo.broadcast_in_dim %cst_1, dims = [] : (tensor<f32>) -> tensor<1xf32>
    %12 = stablehlo.divide %10, %11 : tensor<1xf32>
    %cst_2 = stablehlo.constant dense<0.899999976> : tensor<f32>
    %13 = stablehlo.broadcast_in_dim %cst_2, dims = [] : (tensor<f32>) -> tensor<30x1xf32>
    %14 = stablehlo.multiply %13, %arg2 : tensor<30x1xf32>
    %15 = stablehlo.add %14, %9 : tensor<30x1xf32>
    %cst_3 = stablehlo.constant dense<0.899999976> : tensor<f32>
    %16 = stablehlo.broadcast_in_dim %cst_3, dims = [] : (tensor<f32>) -> tensor<1xf32>
    %17 = stablehlo.multiply %16, %arg3 : tensor<1xf32>
    %18 = stablehlo.add %17, %12 : tensor<1xf32>
    %cst_4 = stablehlo.constant dense<1.000000e-01> : tensor<f32>
    %19 = stablehlo.broadcast_in_dim %cst_4, dims = [] : (tensor<f32>) -> tensor<30x1xf32>
    %20 = stablehlo.multiply %19, %15 : tensor<30x1xf32>
    %21 = stablehlo.subtract %arg0, %20 : tensor<30x1xf32>
    %cst_5 = stablehlo.constant dense<1.000000e-01> : tensor<f32>
    %22 = stablehlo.broadcast_in_dim %cst_5, dims = [] : (tensor<f32>) -> tensor<1xf32>
    %23 = stablehlo.multiply %22, %18 : tensor<1xf32>
    %24 = stablehlo.subtract %arg1, %23 : tensor<1xf32>
    return %21, %24, %15, %18 : tensor<30x1xf32>, tensor<1xf32>, tensor<30x1xf32>, tensor<1xf32>
  }
  func.func private @sigmoid(%arg0: tensor<64x1xf32> {mhlo.layout_mode = "default"}) -> (tensor<64x1xf32> {mhlo.layout_mode = "default"}) {
    %0 = stablehlo.logistic %arg0 : tensor<64x1xf32>
    return %0 : tensor<64x1xf32>
  }
}
