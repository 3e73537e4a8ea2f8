// One SGD step (learning rate 0.1) of a small CNN on a batch of two 6x6 one-channel images (NHWC):
// 3x3 convolution with 2 filters (SAME padding) + bias, ReLU, 2x2 max pooling, dense 18 -> 3 and
// softmax cross-entropy, forward and backward, as JAX exports it: the pooling's gradient is a
// select_and_scatter on the (-inf padded) pooled operand, the kernel's gradient a convolution of
// the input with the output gradient (batch and features swapped).
//
//   def loss(p, x, y):
//     h = lax.conv_general_dilated(x, p["k"], (1, 1), "SAME",
//                                  dimension_numbers=("NHWC", "HWIO", "NHWC")) + p["kb"]
//     h = lax.reduce_window(jax.nn.relu(h), -jnp.inf, lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID")
//     z = h.reshape(2, 18) @ p["w"] + p["wb"]
//     return -jnp.sum(y * jax.nn.log_softmax(z)) / 2
module @jit_step attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<3x3x1x2xf32> {jax.arg_info = "p['k']"}, %arg1: tensor<2xf32> {jax.arg_info = "p['kb']"}, %arg2: tensor<18x3xf32> {jax.arg_info = "p['w']"}, %arg3: tensor<3xf32> {jax.arg_info = "p['wb']"}, %arg4: tensor<2x6x6x1xf32> {jax.arg_info = "x"}, %arg5: tensor<2x3xf32> {jax.arg_info = "y"}) -> (tensor<3x3x1x2xf32>, tensor<2xf32>, tensor<18x3xf32>, tensor<3xf32>, tensor<f32>) {
    %0 = stablehlo.convolution(%arg4, %arg0) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]], lhs_dilate = [1, 1], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<2x6x6x1xf32>, tensor<3x3x1x2xf32>) -> tensor<2x6x6x2xf32>
    %1 = stablehlo.broadcast_in_dim %arg1, dims = [3] : (tensor<2xf32>) -> tensor<2x6x6x2xf32>
    %2 = stablehlo.add %0, %1 : tensor<2x6x6x2xf32>
    %3 = call @relu(%2) : (tensor<2x6x6x2xf32>) -> tensor<2x6x6x2xf32>
    %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %4 = "stablehlo.reduce_window"(%3, %cst) <{padding = dense<0> : tensor<4x2xi64>, window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>}> ({
    ^bb0(%arg6: tensor<f32>, %arg7: tensor<f32>):
      %70 = stablehlo.maximum %arg6, %arg7 : tensor<f32>
      stablehlo.return %70 : tensor<f32>
    }) : (tensor<2x6x6x2xf32>, tensor<f32>) -> tensor<2x3x3x2xf32>
    %5 = stablehlo.reshape %4 : (tensor<2x3x3x2xf32>) -> tensor<2x18xf32>
    %6 = stablehlo.dot_general %5, %arg2, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<2x18xf32>, tensor<18x3xf32>) -> tensor<2x3xf32>
    %7 = stablehlo.broadcast_in_dim %arg3, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
    %8 = stablehlo.add %6, %7 : tensor<2x3xf32>
    %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %9 = stablehlo.reduce(%8 init: %cst_0) applies stablehlo.maximum across dimensions = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
    %10 = stablehlo.broadcast_in_dim %9, dims = [0] : (tensor<2xf32>) -> tensor<2x3xf32>
    %11 = stablehlo.subtract %8, %10 : tensor<2x3xf32>
    %12 = stablehlo.exponential %11 : tensor<2x3xf32>
    %cst_1 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %13 = stablehlo.reduce(%12 init: %cst_1) applies stablehlo.add across dimensions = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
    %14 = stablehlo.log %13 : tensor<2xf32>
    %15 = stablehlo.broadcast_in_dim %14, dims = [0] : (tensor<2xf32>) -> tensor<2x3xf32>
    %16 = stablehlo.subtract %11, %15 : tensor<2x3xf32>
    %17 = stablehlo.multiply %arg5, %16 : tensor<2x3xf32>
    %18 = stablehlo.reduce(%17 init: %cst_1) applies stablehlo.add across dimensions = [0, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<f32>
    %19 = stablehlo.negate %18 : tensor<f32>
    %cst_2 = stablehlo.constant dense<2.000000e+00> : tensor<f32>
    %20 = stablehlo.divide %19, %cst_2 : tensor<f32>
    %cst_3 = stablehlo.constant dense<-5.000000e-01> : tensor<f32>
    %21 = stablehlo.broadcast_in_dim %cst_3, dims = [] : (tensor<f32>) -> tensor<2x3xf32>
    %22 = stablehlo.multiply %21, %arg5 : tensor<2x3xf32>
    %23 = stablehlo.reduce(%22 init: %cst_1) applies stablehlo.add across dimensions = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
    %24 = stablehlo.broadcast_in_dim %23, dims = [0] : (tensor<2xf32>) -> tensor<2x3xf32>
    %25 = stablehlo.exponential %16 : tensor<2x3xf32>
    %26 = stablehlo.multiply %24, %25 : tensor<2x3xf32>
    %27 = stablehlo.subtract %22, %26 : tensor<2x3xf32>
    %28 = stablehlo.reduce(%27 init: %cst_1) applies stablehlo.add across dimensions = [0] : (tensor<2x3xf32>, tensor<f32>) -> tensor<3xf32>
    %29 = stablehlo.dot_general %5, %27, contracting_dims = [0] x [0], precision = [DEFAULT, DEFAULT] : (tensor<2x18xf32>, tensor<2x3xf32>) -> tensor<18x3xf32>
    %30 = stablehlo.dot_general %27, %arg2, contracting_dims = [1] x [1], precision = [DEFAULT, DEFAULT] : (tensor<2x3xf32>, tensor<18x3xf32>) -> tensor<2x18xf32>
    %31 = stablehlo.reshape %30 : (tensor<2x18xf32>) -> tensor<2x3x3x2xf32>
    %32 = stablehlo.pad %3, %cst, low = [0, 0, 0, 0], high = [0, 0, 0, 0], interior = [0, 0, 0, 0] : (tensor<2x6x6x2xf32>, tensor<f32>) -> tensor<2x6x6x2xf32>
    %33 = "stablehlo.select_and_scatter"(%32, %31, %cst_1) <{padding = dense<0> : tensor<4x2xi64>, window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>}> ({
    ^bb0(%arg6: tensor<f32>, %arg7: tensor<f32>):
      %70 = stablehlo.compare  GE, %arg6, %arg7,  FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
      stablehlo.return %70 : tensor<i1>
    }, {
    ^bb0(%arg6: tensor<f32>, %arg7: tensor<f32>):
      %70 = stablehlo.add %arg6, %arg7 : tensor<f32>
      stablehlo.return %70 : tensor<f32>
    }) : (tensor<2x6x6x2xf32>, tensor<2x3x3x2xf32>, tensor<f32>) -> tensor<2x6x6x2xf32>
    %34 = stablehlo.slice %33 [0:2, 0:6, 0:6, 0:2] : (tensor<2x6x6x2xf32>) -> tensor<2x6x6x2xf32>
    %35 = stablehlo.broadcast_in_dim %cst_1, dims = [] : (tensor<f32>) -> tensor<2x6x6x2xf32>
    %36 = stablehlo.compare  GT, %2, %35,  FLOAT : (tensor<2x6x6x2xf32>, tensor<2x6x6x2xf32>) -> tensor<2x6x6x2xi1>
    %37 = stablehlo.select %36, %34, %35 : tensor<2x6x6x2xi1>, tensor<2x6x6x2xf32>
    %38 = stablehlo.reduce(%37 init: %cst_1) applies stablehlo.add across dimensions = [0, 1, 2] : (tensor<2x6x6x2xf32>, tensor<f32>) -> tensor<2xf32>
    %39 = stablehlo.convolution(%arg4, %37) dim_numbers = [f, 0, 1, b]x[i, 0, 1, o]->[0, 1, b, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]], lhs_dilate = [1, 1], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]} : (tensor<2x6x6x1xf32>, tensor<2x6x6x2xf32>) -> tensor<3x3x1x2xf32>
    %cst_4 = stablehlo.constant dense<1.000000e-01> : tensor<f32>
    %40 = stablehlo.broadcast_in_dim %cst_4, dims = [] : (tensor<f32>) -> tensor<3x3x1x2xf32>
    %41 = stablehlo.multiply %40, %39 : tensor<3x3x1x2xf32>
    %42 = stablehlo.subtract %arg0, %41 : tensor<3x3x1x2xf32>
    %43 = stablehlo.broadcast_in_dim %cst_4, dims = [] : (tensor<f32>) -> tensor<2xf32>
    %44 = stablehlo.multiply %43, %38 : tensor<2xf32>
    %45 = stablehlo.subtract %arg1, %44 : tensor<2xf32>
    %46 = stablehlo.broadcast_in_dim %cst_4, dims = [] : (tensor<f32>) -> tensor<18x3xf32>
    %47 = stablehlo.multiply %46, %29 : tensor<18x3xf32>
    %48 = stablehlo.subtract %arg2, %47 : tensor<18x3xf32>
    %49 = stablehlo.broadcast_in_dim %cst_4, dims = [] : (tensor<f32>) -> tensor<3xf32>
    %50 = stablehlo.multiply %49, %28 : tensor<3xf32>
    %51 = stablehlo.subtract %arg3, %50 : tensor<3xf32>
    return %42, %45, %48, %51, %20 : tensor<3x3x1x2xf32>, tensor<2xf32>, tensor<18x3xf32>, tensor<3xf32>, tensor<f32>
  }
  func.func private @relu(%arg0: tensor<2x6x6x2xf32>) -> tensor<2x6x6x2xf32> {
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %0 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<2x6x6x2xf32>
    %1 = stablehlo.maximum %arg0, %0 : tensor<2x6x6x2xf32>
    return %1 : tensor<2x6x6x2xf32>
  }
}
