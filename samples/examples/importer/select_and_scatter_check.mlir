// Self-checking program in the style of openxla/stablehlo's testdata (jax export of the gradient of max pooling (stablehlo.select_and_scatter)).
module @jit_main attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main() -> (tensor<2x4x6xf32> {jax.result_info = "", mhlo.layout_mode = "default"}) {
    %0:2 = call @inputs() : () -> (tensor<2x1x3xf32>, tensor<2x4x6xf32>)
    %1 = call @expected() : () -> tensor<2x4x6xf32>
    %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %2 = stablehlo.pad %0#1, %cst, low = [0, 0, 0], high = [0, 0, 0], interior = [0, 0, 0] : (tensor<2x4x6xf32>, tensor<f32>) -> tensor<2x4x6xf32>
    %cst_0 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %3 = "stablehlo.select_and_scatter"(%2, %0#0, %cst_0) <{window_dimensions = array<i64: 1, 3, 2>, window_strides = array<i64: 1, 2, 2>}> ({
    ^bb0(%arg0: tensor<f32>, %arg1: tensor<f32>):
      %4 = stablehlo.compare  GE, %arg0, %arg1,  FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
      stablehlo.return %4 : tensor<i1>
    }, {
    ^bb0(%arg0: tensor<f32>, %arg1: tensor<f32>):
      %4 = stablehlo.add %arg0, %arg1 : tensor<f32>
      stablehlo.return %4 : tensor<f32>
    }) : (tensor<2x4x6xf32>, tensor<2x1x3xf32>, tensor<f32>) -> tensor<2x4x6xf32>
    %r = stablehlo.slice %3 [0:2, 0:4, 0:6] : (tensor<2x4x6xf32>) -> tensor<2x4x6xf32>
    stablehlo.custom_call @check.expect_close(%r, %1) {has_side_effect = true} : (tensor<2x4x6xf32>, tensor<2x4x6xf32>) -> ()
    return %r : tensor<2x4x6xf32>
  }
  func.func private @inputs() -> (tensor<2x1x3xf32> {mhlo.layout_mode = "default"}, tensor<2x4x6xf32> {mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<[[[0.630082607, -0.301867604, -0.151443645]], [[0.0222215578, 1.17650831, 0.680510998]]]> : tensor<2x1x3xf32>
    %cst_0 = stablehlo.constant dense<[[[2.49829745, 2.88341427, -0.131609812, -0.547832549, -0.319733918, -1.95030463], [2.1971736, -1.08578384, -0.102380827, -1.58659279, -1.25214624, -2.5554502], [2.5141387, -0.308175147, 1.93184328, 0.0266491938, -1.38880706, -0.6533705], [-1.12046206, 0.015918199, -0.7505337, -0.599843442, -2.75714946, -1.61369181]], [[3.30811501, -1.34246647, -2.10818768, 0.674652636, 2.81454444, -2.90804863], [-0.417043686, -1.26410508, -3.52203894, 1.4698534, -0.0468878374, 0.142883688], [-1.50462294, 0.90956831, -1.07859468, -0.285806417, -2.2165215, -2.43220544], [2.67106366, -1.01420939, 0.583360732, -0.0675808713, -0.882290423, -1.01592195]]]> : tensor<2x4x6xf32>
    return %cst, %cst_0 : tensor<2x1x3xf32>, tensor<2x4x6xf32>
  }
  func.func private @expected() -> (tensor<2x4x6xf32> {mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<[[[0.000000e+00, 0.630082607, 0.000000e+00, 0.000000e+00, -0.151443645, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, -0.301867604, 0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]], [[0.0222215578, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.680510998, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 1.17650831, 0.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]]]> : tensor<2x4x6xf32>
    return %cst : tensor<2x4x6xf32>
  }
}
