extension Parameter {
  /// Calls `body` with the scalars of every one of `parameters` for writing, in each
  /// value's own memory.
  ///
  /// This is how a scorer re-initialises a network it built once (accuracy stability
  /// re-draws every weight 100 times): no new tensors, no copies, and the network and
  /// everything that enumerates its parameters see the new values. `body` gets one
  /// buffer per element of `parameters`, in the same order (a parameter listed twice
  /// gets the same buffer twice), so it can hand the buffers to several threads. If
  /// another tensor still shares a value's memory (a copy someone kept), that value is
  /// copied first, so the copy keeps the old scalars (copy-on-write). Shapes cannot
  /// change.
  ///
  /// - Parameters:
  ///   - parameters: The parameters to write, for example a network's ``Layer/parameters``.
  ///   - body: Receives the buffers, each in row-major order; it may write any scalar of
  ///     them until it returns, and must not keep them.
  /// - Returns: What `body` returns.
  public static func withUnsafeMutableScalars<Result>(
    of parameters: [Parameter<Scalar>],
    _ body: ([UnsafeMutableBufferPointer<Scalar>]) throws -> Result
  ) rethrows -> Result {
    // `value` has observers, so mutating it through the property would work on a
    // temporary copy and always copy the memory. Take each tensor out instead (a
    // placeholder of the same shape from the buffer cache holds its place), write it
    // while no parameter references it, and put it back.
    var firstIndex: [ObjectIdentifier: Int] = [:]
    var owners: [Parameter<Scalar>] = []
    let slots = parameters.map { parameter in
      if let index = firstIndex[ObjectIdentifier(parameter)] { return index }
      firstIndex[ObjectIdentifier(parameter)] = owners.count
      owners.append(parameter)
      return owners.count - 1
    }
    var taken = owners.map(\.value)
    for parameter in owners { parameter.value = Tensor(uninitializedShape: parameter.shape) }
    defer { for (parameter, value) in zip(owners, taken) { parameter.value = value } }
    let buffers = taken.indices.map { index in
      taken[index].makeUnique()
      // The storage is a class whose buffer never moves; `taken` keeps it alive until
      // the values are put back.
      return UnsafeMutableBufferPointer(
        start: taken[index].storage.base, count: taken[index].storage.count)
    }
    return try body(slots.map { buffers[$0] })
  }
}
