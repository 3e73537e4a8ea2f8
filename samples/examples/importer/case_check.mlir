// Self-checking program in the style of openxla/stablehlo's testdata (jax export of jax.lax.switch(2, [neg, exp, tanh], x) then jax.lax.cond(True, double, id)).
module @jit_main attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main() -> (tensor<5xf32> {jax.result_info = "", mhlo.layout_mode = "default"}) {
    %0 = call @inputs() : () -> tensor<5xf32>
    %1 = call @expected() : () -> tensor<5xf32>
    %c = stablehlo.constant dense<2> : tensor<i32>
    %2 = "stablehlo.case"(%c) ({
      %3 = stablehlo.negate %0 : tensor<5xf32>
      stablehlo.return %3 : tensor<5xf32>
    }, {
      %3 = stablehlo.exponential %0 : tensor<5xf32>
      stablehlo.return %3 : tensor<5xf32>
    }, {
      %3 = stablehlo.tanh %0 : tensor<5xf32>
      stablehlo.return %3 : tensor<5xf32>
    }) : (tensor<i32>) -> tensor<5xf32>
    %t = stablehlo.constant dense<true> : tensor<i1>
    %4 = stablehlo.convert %t : (tensor<i1>) -> tensor<i32>
    %r = "stablehlo.case"(%4) ({
      stablehlo.return %2 : tensor<5xf32>
    }, {
      %5 = stablehlo.add %2, %2 : tensor<5xf32>
      stablehlo.return %5 : tensor<5xf32>
    }) : (tensor<i32>) -> tensor<5xf32>
    stablehlo.custom_call @check.expect_close(%r, %1) {has_side_effect = true} : (tensor<5xf32>, tensor<5xf32>) -> ()
    return %r : tensor<5xf32>
  }
  func.func private @inputs() -> (tensor<5xf32> {mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<[0.821924329, 0.627376497, 0.401707083, 0.955669582, -1.33197987]> : tensor<5xf32>
    return %cst : tensor<5xf32>
  }
  func.func private @expected() -> (tensor<5xf32> {mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<[1.35223174, 1.11248612, 0.762817323, 1.48467803, -1.73946476]> : tensor<5xf32>
    return %cst : tensor<5xf32>
  }
}
