// One SGD step (learning rate 0.5) of a 4 -> 6 -> 3 MLP with ReLU and softmax cross-entropy on a
// batch of 8, forward and backward, as JAX exports it (jax.value_and_grad of the loss; the
// gradient of log_softmax is g - exp(logp) * sum(g), ReLU's is select(x > 0, g, 0)):
//
//   def loss(p, x, y):
//     h = jax.nn.relu(x @ p["w1"] + p["b1"])
//     return -jnp.sum(y * jax.nn.log_softmax(h @ p["w2"] + p["b2"])) / 8
//   def step(p, x, y):
//     l, g = jax.value_and_grad(loss)(p, x, y)
//     return jax.tree.map(lambda w, d: w - 0.5 * d, p, g), l
module @jit_step attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<4x6xf32> {jax.arg_info = "p['w1']"}, %arg1: tensor<6xf32> {jax.arg_info = "p['b1']"}, %arg2: tensor<6x3xf32> {jax.arg_info = "p['w2']"}, %arg3: tensor<3xf32> {jax.arg_info = "p['b2']"}, %arg4: tensor<8x4xf32> {jax.arg_info = "x"}, %arg5: tensor<8x3xf32> {jax.arg_info = "y"}) -> (tensor<4x6xf32> {jax.result_info = "[0]['w1']"}, tensor<6xf32> {jax.result_info = "[0]['b1']"}, tensor<6x3xf32> {jax.result_info = "[0]['w2']"}, tensor<3xf32> {jax.result_info = "[0]['b2']"}, tensor<f32> {jax.result_info = "[1]"}) {
    %0 = stablehlo.dot_general %arg4, %arg0, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x4xf32>, tensor<4x6xf32>) -> tensor<8x6xf32>
    %1 = stablehlo.broadcast_in_dim %arg1, dims = [1] : (tensor<6xf32>) -> tensor<8x6xf32>
    %2 = stablehlo.add %0, %1 : tensor<8x6xf32>
    %3 = call @relu(%2) : (tensor<8x6xf32>) -> tensor<8x6xf32>
    %4 = stablehlo.dot_general %3, %arg2, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x6xf32>, tensor<6x3xf32>) -> tensor<8x3xf32>
    %5 = stablehlo.broadcast_in_dim %arg3, dims = [1] : (tensor<3xf32>) -> tensor<8x3xf32>
    %6 = stablehlo.add %4, %5 : tensor<8x3xf32>
    %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %7 = stablehlo.reduce(%6 init: %cst) applies stablehlo.maximum across dimensions = [1] : (tensor<8x3xf32>, tensor<f32>) -> tensor<8xf32>
    %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %8 = stablehlo.broadcast_in_dim %cst_0, dims = [] : (tensor<f32>) -> tensor<8xf32>
    %9 = stablehlo.maximum %8, %7 : tensor<8xf32>
    %10 = stablehlo.is_finite %9 : (tensor<8xf32>) -> tensor<8xi1>
    %cst_1 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %11 = stablehlo.broadcast_in_dim %cst_1, dims = [] : (tensor<f32>) -> tensor<8xf32>
    %12 = stablehlo.select %10, %9, %11 : tensor<8xi1>, tensor<8xf32>
    %13 = stablehlo.broadcast_in_dim %12, dims = [0] : (tensor<8xf32>) -> tensor<8x3xf32>
    %14 = stablehlo.subtract %6, %13 : tensor<8x3xf32>
    %15 = stablehlo.exponential %14 : tensor<8x3xf32>
    %cst_2 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %16 = stablehlo.reduce(%15 init: %cst_2) applies stablehlo.add across dimensions = [1] : (tensor<8x3xf32>, tensor<f32>) -> tensor<8xf32>
    %17 = stablehlo.log %16 : tensor<8xf32>
    %18 = stablehlo.broadcast_in_dim %17, dims = [0] : (tensor<8xf32>) -> tensor<8x3xf32>
    %19 = stablehlo.subtract %14, %18 : tensor<8x3xf32>
    %20 = stablehlo.multiply %arg5, %19 : tensor<8x3xf32>
    %cst_3 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %21 = stablehlo.reduce(%20 init: %cst_3) applies stablehlo.add across dimensions = [0, 1] : (tensor<8x3xf32>, tensor<f32>) -> tensor<f32>
    %22 = stablehlo.negate %21 : tensor<f32>
    %cst_4 = stablehlo.constant dense<8.000000e+00> : tensor<f32>
    %23 = stablehlo.divide %22, %cst_4 : tensor<f32>
    %cst_5 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %24 = stablehlo.divide %cst_5, %cst_4 : tensor<f32>
    %25 = stablehlo.negate %24 : tensor<f32>
    %26 = stablehlo.broadcast_in_dim %25, dims = [] : (tensor<f32>) -> tensor<8x3xf32>
    %27 = stablehlo.multiply %26, %arg5 : tensor<8x3xf32>
    %cst_6 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %28 = stablehlo.reduce(%27 init: %cst_6) applies stablehlo.add across dimensions = [1] : (tensor<8x3xf32>, tensor<f32>) -> tensor<8xf32>
    %29 = stablehlo.broadcast_in_dim %28, dims = [0] : (tensor<8xf32>) -> tensor<8x3xf32>
    %30 = stablehlo.exponential %19 : tensor<8x3xf32>
    %31 = stablehlo.multiply %29, %30 : tensor<8x3xf32>
    %32 = stablehlo.subtract %27, %31 : tensor<8x3xf32>
    %cst_7 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %33 = stablehlo.reduce(%32 init: %cst_7) applies stablehlo.add across dimensions = [0] : (tensor<8x3xf32>, tensor<f32>) -> tensor<3xf32>
    %34 = stablehlo.dot_general %3, %32, contracting_dims = [0] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x6xf32>, tensor<8x3xf32>) -> tensor<6x3xf32>
    %35 = stablehlo.dot_general %32, %arg2, contracting_dims = [1] x [1], precision = [DEFAULT, DEFAULT] : (tensor<8x3xf32>, tensor<6x3xf32>) -> tensor<8x6xf32>
    %cst_8 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %36 = stablehlo.broadcast_in_dim %cst_8, dims = [] : (tensor<f32>) -> tensor<8x6xf32>
    %37 = stablehlo.compare  GT, %2, %36,  FLOAT : (tensor<8x6xf32>, tensor<8x6xf32>) -> tensor<8x6xi1>
    %38 = stablehlo.select %37, %35, %36 : tensor<8x6xi1>, tensor<8x6xf32>
    %cst_9 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %39 = stablehlo.reduce(%38 init: %cst_9) applies stablehlo.add across dimensions = [0] : (tensor<8x6xf32>, tensor<f32>) -> tensor<6xf32>
    %40 = stablehlo.dot_general %arg4, %38, contracting_dims = [0] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x4xf32>, tensor<8x6xf32>) -> tensor<4x6xf32>
    %cst_10 = stablehlo.constant dense<5.000000e-01> : tensor<f32>
    %41 = stablehlo.broadcast_in_dim %cst_10, dims = [] : (tensor<f32>) -> tensor<4x6xf32>
    %42 = stablehlo.multiply %41, %40 : tensor<4x6xf32>
    %43 = stablehlo.subtract %arg0, %42 : tensor<4x6xf32>
    %44 = stablehlo.broadcast_in_dim %cst_10, dims = [] : (tensor<f32>) -> tensor<6xf32>
    %45 = stablehlo.multiply %44, %39 : tensor<6xf32>
    %46 = stablehlo.subtract %arg1, %45 : tensor<6xf32>
    %47 = stablehlo.broadcast_in_dim %cst_10, dims = [] : (tensor<f32>) -> tensor<6x3xf32>
    %48 = stablehlo.multiply %47, %34 : tensor<6x3xf32>
    %49 = stablehlo.subtract %arg2, %48 : tensor<6x3xf32>
    %50 = stablehlo.broadcast_in_dim %cst_10, dims = [] : (tensor<f32>) -> tensor<3xf32>
    %51 = stablehlo.multiply %50, %33 : tensor<3xf32>
    %52 = stablehlo.subtract %arg3, %51 : tensor<3xf32>
    return %43, %46, %49, %52, %23 : tensor<4x6xf32>, tensor<6xf32>, tensor<6x3xf32>, tensor<3xf32>, tensor<f32>
  }
  func.func private @relu(%arg0: tensor<8x6xf32>) -> tensor<8x6xf32> {
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %0 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<8x6xf32>
    %1 = stablehlo.maximum %arg0, %0 : tensor<8x6xf32>
    return %1 : tensor<8x6xf32>
  }
}
