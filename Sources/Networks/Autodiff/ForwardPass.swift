import Synchronization

/// The source of ``ForwardPass`` identifiers (generic types cannot hold static state).
private let passIdentifiers = Atomic<Int>(1)

/// One evaluation of a network: the options that shape it (batch-norm mode, an
/// observer), and, when it records gradients, the tape that ``backward(from:seed:)``
/// replays.
///
/// Every operation of the engine is a method of a pass (``relu(_:uses:)``,
/// ``convolution(_:weight:bias:stride:padding:)``, ...). A pass that does not record
/// keeps nothing: each intermediate tensor is freed as soon as the network drops it,
/// which is what forward-only scorers (NASWOT, epsilon) want. A recording pass keeps,
/// for each operation whose inputs are tracked, exactly the tensors its gradient rule
/// needs.
///
/// ```swift
/// let pass = ForwardPass<Double>(recordsGradients: true)
/// let x = pass.requiringGradient(input)
/// let loss = pass.crossEntropy(network.forward(x, in: pass), labels: labels)
/// pass.backward(from: loss)
/// let inputGradient = pass.gradient(of: x)
/// ```
///
/// A pass is used by one thread at a time; create one per evaluation.
public final class ForwardPass<Scalar: TensorScalar> {
  /// Whether operations on tracked tensors are recorded for ``backward(from:seed:)``.
  public let recordsGradients: Bool
  /// How batch-norm layers normalise in this pass.
  public var batchNorm: BatchNormMode
  /// The observer shown every ``ObservationPoint``, if any.
  public let observer: (any ActivationObserver<Scalar>)?

  /// Multiply-accumulates executed by convolutions and linear layers so far, over the
  /// whole batch.
  public internal(set) var multiplyAccumulates = 0

  /// A process-unique number that tags this pass's tape nodes.
  let identifier: Int
  /// The recorded operations, in execution order.
  var tape: [TapeEntry<Scalar>] = []
  /// The shape of every node, indexed by node.
  var nodeShapes: [[Int]] = []
  /// Leaf nodes of parameters, keyed by the parameter's identity.
  var parameterNodes: [ObjectIdentifier: Int] = [:]
  /// Nodes whose gradient must survive backward (leaves and observed points).
  var retainedNodes: Set<Int> = []
  /// Observed points whose gradients the observer asked for.
  var observedForGradient: [(node: Int, point: ObservationPoint, activation: Tensor<Scalar>)] = []
  /// Gradients by node, filled by ``backward(from:seed:)``.
  var gradients: [Tensor<Scalar>?] = []
  /// Whether ``backward(from:seed:)`` has run.
  var hasRunBackward = false
  /// Points reported so far, per kind.
  private var pointCounts: [ObservationPoint.Kind: Int] = [:]
  private var pointSequence = 0

  /// Creates a pass.
  ///
  /// - Parameters:
  ///   - recordsGradients: Record a tape for ``backward(from:seed:)``. Off by default:
  ///     a forward-only pass stores nothing.
  ///   - batchNorm: How batch-norm layers normalise (default: batch statistics, as in
  ///     PyTorch's training mode).
  ///   - observer: Shown every activation point the operations reach.
  public init(
    recordsGradients: Bool = false, batchNorm: BatchNormMode = .batchStatistics,
    observer: (any ActivationObserver<Scalar>)? = nil
  ) {
    self.recordsGradients = recordsGradients
    self.batchNorm = batchNorm
    self.observer = observer
    identifier = passIdentifiers.add(1, ordering: .relaxed).oldValue
  }

  /// The number of operations on the tape (0 for a pass that does not record, and
  /// after ``backward(from:seed:)``, which releases the tape).
  public var recordedOperationCount: Int { tape.count }

  /// The value of `parameter`, tracked when the pass records gradients.
  ///
  /// After ``backward(from:seed:)``, `gradient(of: parameter)` reports its gradient.
  /// Using a parameter several times (weight tying) accumulates one gradient.
  public func parameter(_ parameter: Parameter<Scalar>) -> Tensor<Scalar> {
    var value = parameter.value
    guard recordsGradients else { return value }
    let key = ObjectIdentifier(parameter)
    if let node = parameterNodes[key] {
      precondition(
        nodeShapes[node] == value.shape,
        "parameter \(parameter.name) changed shape during a pass")
      value.node = TapeNode(pass: identifier, index: node)
    } else {
      let node = newNode(shape: value.shape)
      parameterNodes[key] = node
      retainedNodes.insert(node)
      value.node = TapeNode(pass: identifier, index: node)
    }
    return value
  }

  /// `tensor` as a tracked leaf of this pass's tape.
  ///
  /// After ``backward(from:seed:)``, `gradient(of:)` reports its gradient (for example
  /// the input images, for jacob_cov). Returns `tensor` unchanged when the pass does
  /// not record.
  public func requiringGradient(_ tensor: Tensor<Scalar>) -> Tensor<Scalar> {
    guard recordsGradients else { return tensor }
    if let node = tensor.node, node.pass == identifier { return tensor }
    var result = tensor
    let node = newNode(shape: tensor.shape)
    retainedNodes.insert(node)
    result.node = TapeNode(pass: identifier, index: node)
    return result
  }

  // MARK: - For operations

  /// Whether `tensor` is tracked by this pass's tape.
  func isTracked(_ tensor: Tensor<Scalar>) -> Bool {
    guard recordsGradients, let node = tensor.node else { return false }
    return node.pass == identifier && !hasRunBackward
  }

  /// The tape node of `tensor`, or −1 when it is a constant here.
  func nodeIndex(_ tensor: Tensor<Scalar>) -> Int {
    isTracked(tensor) ? tensor.node?.index ?? -1 : -1
  }

  /// Whether an operation on `inputs` must be recorded.
  func shouldRecord(_ inputs: Tensor<Scalar>...) -> Bool {
    recordsGradients && inputs.contains { isTracked($0) }
  }

  /// Same as ``shouldRecord(_:)-(Tensor<Scalar>...)`` for an array of inputs.
  func shouldRecord(_ inputs: [Tensor<Scalar>]) -> Bool {
    recordsGradients && inputs.contains { isTracked($0) }
  }

  /// Records an operation that produced `output` from `inputs`, when any input is
  /// tracked; `backward` maps the output gradient to one gradient per input.
  func record(
    _ output: inout Tensor<Scalar>, inputs: [Tensor<Scalar>],
    backward: @escaping (Tensor<Scalar>, [Bool]) -> [Tensor<Scalar>?]
  ) {
    let indices = inputs.map { nodeIndex($0) }
    guard indices.contains(where: { $0 >= 0 }) else {
      output.node = nil
      return
    }
    let node = newNode(shape: output.shape)
    output.node = TapeNode(pass: identifier, index: node)
    tape.append(TapeEntry(inputs: indices, output: node, backward: backward))
  }

  /// Shows `tensor` to the observer at the next point of `kind` and returns it, tracked
  /// if the observer wants its gradient.
  func observe(
    _ tensor: Tensor<Scalar>, as kind: ObservationPoint.Kind, weightsPerChannel: Int = 0
  ) -> Tensor<Scalar> {
    guard let observer else { return tensor }
    let index = pointCounts[kind, default: 0]
    pointCounts[kind] = index + 1
    let point = ObservationPoint(
      kind: kind, index: index, sequence: pointSequence, weightsPerChannel: weightsPerChannel)
    pointSequence += 1
    observer.observe(tensor, at: point)
    guard recordsGradients && !hasRunBackward && observer.wantsGradient(at: point) else {
      return tensor
    }
    let tracked = requiringGradient(tensor)
    if let node = tracked.node?.index {
      retainedNodes.insert(node)
      observedForGradient.append((node, point, tracked))
    }
    return tracked
  }

  private func newNode(shape: [Int]) -> Int {
    precondition(!hasRunBackward, "a ForwardPass cannot record after backward; start a new pass")
    nodeShapes.append(shape)
    return nodeShapes.count - 1
  }
}
