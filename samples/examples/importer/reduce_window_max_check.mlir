// Self-checking program in the style of openxla/stablehlo's testdata (jax export of flax max_pool(window 2x2, stride 2, SAME) (stablehlo.reduce_window)).
module @jit_main attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main() -> (tensor<1x3x3x2xf32> {jax.result_info = "", mhlo.layout_mode = "default"}) {
    %0 = call @inputs() : () -> tensor<1x5x5x2xf32>
    %1 = call @expected() : () -> tensor<1x3x3x2xf32>
    %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %2 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<f32>
    %r = "stablehlo.reduce_window"(%0, %2) <{padding = dense<[[0, 0], [0, 1], [0, 1], [0, 0]]> : tensor<4x2xi64>, window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>}> ({
    ^bb0(%arg0: tensor<f32>, %arg1: tensor<f32>):
      %3 = stablehlo.maximum %arg0, %arg1 : tensor<f32>
      stablehlo.return %3 : tensor<f32>
    }) : (tensor<1x5x5x2xf32>, tensor<f32>) -> tensor<1x3x3x2xf32>
    stablehlo.custom_call @check.expect_close(%r, %1) {has_side_effect = true} : (tensor<1x3x3x2xf32>, tensor<1x3x3x2xf32>) -> ()
    return %r : tensor<1x3x3x2xf32>
  }
  func.func private @inputs() -> (tensor<1x5x5x2xf32> {mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<[[[[-0.394568443, -2.22813439], [-0.0230429359, -0.887162447], [2.3322556, 1.30617702], [-0.0482872277, 1.33676207], [-0.679739118, 2.10425282]], [[-0.0107991211, 1.16676474], [-2.58178639, 0.69336009], [-3.37640834, -4.07065773], [-0.608953774, -1.79985523], [0.328105599, 4.4895134]], [[-1.66344631, -1.24788713], [0.410807878, 0.986026585], [-0.352812141, -0.411860675], [1.40492594, 1.03981531], [-2.06735158, -0.158362642]], [[0.070573695, -2.10896921], [0.519678175, -1.71591294], [1.9441334, 0.385491818], [0.178612977, -1.18205667], [-0.237219647, -3.9954927]], [[-2.262815, 0.725679576], [-4.25713396, 1.69321704], [-3.49219298, 1.51347697], [-1.69099402, 1.55798221], [0.261902422, -3.07366991]]]]> : tensor<1x5x5x2xf32>
    return %cst : tensor<1x5x5x2xf32>
  }
  func.func private @expected() -> (tensor<1x3x3x2xf32> {mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<[[[[-0.0107991211, 1.16676474], [2.3322556, 1.33676207], [0.328105599, 4.4895134]], [[0.519678175, 0.986026585], [1.9441334, 1.03981531], [-0.237219647, -0.158362642]], [[-2.262815, 1.69321704], [-1.69099402, 1.55798221], [0.261902422, -3.07366991]]]]> : tensor<1x3x3x2xf32>
    return %cst : tensor<1x3x3x2xf32>
  }
}
