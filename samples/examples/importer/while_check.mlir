// Self-checking program in the style of openxla/stablehlo's testdata (jax export of jax.lax.fori_loop(0, 4, sgd_step, w): minibatches by dynamic_slice).
module @jit_main attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main() -> (tensor<3xf32> {jax.result_info = "", mhlo.layout_mode = "default"}) {
    %0:3 = call @inputs() : () -> (tensor<12x3xf32>, tensor<12xf32>, tensor<3xf32>)
    %1 = call @expected() : () -> tensor<3xf32>
    %cst_z = stablehlo.constant dense<0.000000e+00> : tensor<3xf32>
    %c = stablehlo.constant dense<0> : tensor<i32>
    %c_0 = stablehlo.constant dense<4> : tensor<i32>
    %2:3 = stablehlo.while(%iterArg = %c, %iterArg_1 = %c_0, %iterArg_2 = %0#2) : tensor<i32>, tensor<i32>, tensor<3xf32>
     cond {
      %3 = stablehlo.compare  LT, %iterArg, %iterArg_1,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
      stablehlo.return %3 : tensor<i1>
    } do {
      %c_3 = stablehlo.constant dense<3> : tensor<i32>
      %3 = stablehlo.multiply %iterArg, %c_3 : tensor<i32>
      %c_4 = stablehlo.constant dense<0> : tensor<i32>
      %4 = stablehlo.compare  LT, %3, %c_4,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
      %c_5 = stablehlo.constant dense<12> : tensor<i32>
      %5 = stablehlo.add %3, %c_5 : tensor<i32>
      %6 = stablehlo.select %4, %5, %3 : tensor<i1>, tensor<i32>
      %7 = stablehlo.dynamic_slice %0#0, %6, %c_4, sizes = [3, 3] : (tensor<12x3xf32>, tensor<i32>, tensor<i32>) -> tensor<3x3xf32>
      %8 = stablehlo.dynamic_slice %0#1, %6, sizes = [3] : (tensor<12xf32>, tensor<i32>) -> tensor<3xf32>
      %9 = stablehlo.dot_general %7, %iterArg_2, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<3x3xf32>, tensor<3xf32>) -> tensor<3xf32>
      %10 = stablehlo.subtract %9, %8 : tensor<3xf32>
      %11 = stablehlo.dot_general %7, %10, contracting_dims = [0] x [0], precision = [DEFAULT, DEFAULT] : (tensor<3x3xf32>, tensor<3xf32>) -> tensor<3xf32>
      %cst = stablehlo.constant dense<3.000000e+00> : tensor<f32>
      %12 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<3xf32>
      %13 = stablehlo.divide %11, %12 : tensor<3xf32>
      %cst_6 = stablehlo.constant dense<1.000000e-01> : tensor<f32>
      %14 = stablehlo.broadcast_in_dim %cst_6, dims = [] : (tensor<f32>) -> tensor<3xf32>
      %15 = stablehlo.multiply %14, %13 : tensor<3xf32>
      %16 = stablehlo.subtract %iterArg_2, %15 : tensor<3xf32>
      %c_7 = stablehlo.constant dense<1> : tensor<i32>
      %17 = stablehlo.add %iterArg, %c_7 : tensor<i32>
      stablehlo.return %17, %iterArg_1, %16 : tensor<i32>, tensor<i32>, tensor<3xf32>
    }
    %r = stablehlo.add %2#2, %cst_z : tensor<3xf32>
    stablehlo.custom_call @check.expect_close(%r, %1) {has_side_effect = true} : (tensor<3xf32>, tensor<3xf32>) -> ()
    return %r : tensor<3xf32>
  }
  func.func private @inputs() -> (tensor<12x3xf32> {mhlo.layout_mode = "default"}, tensor<12xf32> {mhlo.layout_mode = "default"}, tensor<3xf32> {mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<[[0.034192767, 1.35974753, 1.22472107], [-0.510307074, -0.29796952, -0.527384222], [0.569726348, -0.0560644381, 0.746885598], [-1.84732485, 1.56654882, -0.0964321569], [0.680378437, -0.136566341, -0.379098564], [0.463110149, 0.824513555, -0.202529877], [-0.15278618, 0.685698628, -0.870340645], [-1.51438355, 0.394981861, -0.670565844], [-1.92034054, -0.814053655, -0.467597544], [-1.1932025, -1.49246383, 0.0366378278], [0.897249281, -0.233132079, -0.743596017], [0.384993821, 0.717235804, -0.300010592]]> : tensor<12x3xf32>
    %cst_0 = stablehlo.constant dense<[0.54466778, 1.04287553, -0.206956431, -0.813515544, 0.347650588, 0.247545734, 1.09881282, -1.28458083, -0.661612928, -0.838166952, -1.73401487, 0.12643455]> : tensor<12xf32>
    %cst_1 = stablehlo.constant dense<[0.527804196, -0.738790035, 1.38564706]> : tensor<3xf32>
    return %cst, %cst_0, %cst_1 : tensor<12x3xf32>, tensor<12xf32>, tensor<3xf32>
  }
  func.func private @expected() -> (tensor<3xf32> {mhlo.layout_mode = "default"}) {
    %cst = stablehlo.constant dense<[0.382416487, -0.506516576, 1.22166348]> : tensor<3xf32>
    return %cst : tensor<3xf32>
  }
}
