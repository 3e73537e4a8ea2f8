// Self-checking program in the style of openxla/stablehlo's testdata (jax export of jnp.matmul on batches (stablehlo.dot_general)).
module @jit_main attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main() -> (tensor<2x3x5xf32> {jax.result_info = "", mhlo.layout_mode = "default"}) {
    %0:2 = call @inputs() : () -> (tensor<2x3x4xf32>, tensor<2x4x5xf32>)
    %1 = call @expected() : () -> tensor<2x3x5xf32>
    %r = stablehlo.dot_general %0#0, %0#1, batching_dims = [0] x [0], contracting_dims = [2] x [1], precision = [DEFAULT, DEFAULT] : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
    stablehlo.custom_call @check.expect_close(%r, %1) {has_side_effect = true} : (tensor<2x3x5xf32>, tensor<2x3x5xf32>) -> ()
    return %r : tensor<2x3x5xf32>
  }
  func.func private @inputs() -> (tensor<2x3x4xf32> {mhlo.layout_mode = "default"}, tensor<2x4x5xf32> {mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<[[[-1.84173501, -0.235091135, -1.26744652, 0.271264344], [0.156751081, -0.18693094, -2.51675963, -0.538692892], [-0.0485009439, 0.113308989, -1.53013575, -0.477753282]], [[-0.978519082, -0.808837235, 1.06089866, -0.807534695], [-0.0325217061, 0.884389877, -0.583600461, -0.11170195], [0.110464141, 0.0637817755, -1.22505581, 0.0761402324]]]> : tensor<2x3x4xf32>
    %cst_0 = stablehlo.constant dense<[[[1.35882342, -1.54714465, 0.859382689, 0.119354025, -0.641470373], [2.00041652, 0.762259722, -1.19928885, 0.0745162293, 0.576689601], [-0.188782126, 0.682910264, -0.0665173233, 0.667247534, 1.43852258], [-0.675662279, 0.203138605, -0.463307589, 0.127268419, -1.18719459]], [[-0.579301596, -0.196195975, 0.898763895, 1.14522195, -1.32352781], [-0.794642389, 0.646903396, -1.99241984, -0.463169873, -0.0972869247], [1.25701499, 0.689403892, -0.327213407, -0.368575901, -0.250195414], [1.52352941, -0.428024948, -0.30368039, 0.352589071, -0.120770447]]]> : tensor<2x4x5xf32>
    return %cst, %cst_0 : tensor<2x3x4xf32>, tensor<2x4x5xf32>
  }
  func.func private @expected() -> (tensor<2x3x5xf32> {mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<[[[-2.91688466, 1.85978198, -1.34218466, -1.04851377, -1.09945011], [0.678151011, -2.21315694, 0.775881946, -1.74308074, -3.1892345], [0.772423089, -0.980586708, 0.145556182, -1.07912767, -1.53749263]], [[1.31285667, 0.745774627, 0.630177915, -1.42174208, 1.20588088], [-1.58770955, 0.223970234, -1.56642163, -0.271151125, 0.116508268], [-1.53858745, -0.857560158, 0.349933505, 0.575336397, 0.144900367]]]> : tensor<2x3x5xf32>
    return %cst : tensor<2x3x5xf32>
  }
}
