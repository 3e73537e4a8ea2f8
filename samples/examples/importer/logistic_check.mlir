// Self-checking program in the style of openxla/stablehlo's testdata (jax export of jax.nn.sigmoid (stablehlo.logistic)).
module @jit_main attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main() -> (tensor<4x5xf32> {jax.result_info = "", mhlo.layout_mode = "default"}) {
    %0 = call @inputs() : () -> tensor<4x5xf32>
    %1 = call @expected() : () -> tensor<4x5xf32>
    %r = stablehlo.logistic %0 : tensor<4x5xf32>
    stablehlo.custom_call @check.expect_close(%r, %1) {has_side_effect = true} : (tensor<4x5xf32>, tensor<4x5xf32>) -> ()
    return %r : tensor<4x5xf32>
  }
  func.func private @inputs() -> (tensor<4x5xf32> {mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<[[0.00369046, 0.896236598, -0.822413564, -2.67177558, -1.36401236], [-2.97493958, 0.180430815, 4.02064562, -1.4766196, -1.86142468], [1.46952617, 1.07066107, 0.316242754, -2.79140425, -0.087755464], [2.08590961, -4.0326438, -1.37284732, -5.70366812, -3.86861324]]> : tensor<4x5xf32>
    return %cst : tensor<4x5xf32>
  }
  func.func private @expected() -> (tensor<4x5xf32> {mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<[[0.50092262, 0.710175514, 0.305251569, 0.0646594986, 0.203588963], [0.0485709459, 0.544985712, 0.982374847, 0.185938552, 0.134537086], [0.812985361, 0.744722605, 0.578408301, 0.057790447, 0.478075206], [0.889526129, 0.0174186137, 0.202160209, 0.00332263787, 0.0204599611]]> : tensor<4x5xf32>
    return %cst : tensor<4x5xf32>
  }
}
