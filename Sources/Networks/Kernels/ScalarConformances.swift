/// Single precision: the engine's working type, with tuned SIMD16 kernels.
extension Float: TensorScalar {}

/// Double precision: gradient checks and overflow-prone scorers, with tuned SIMD8 kernels.
extension Double: TensorScalar {}
