extension NLPCell {
  /// Reads a recipe: a JSON object mapping node names to `{"op": …, "input": […]}`.
  ///
  /// Keys may come in any order. This checks the JSON and the recipe's shape (node
  /// objects with exactly `op` and `input`, known operations, names that may be
  /// defined); ``NLPSpace/validate(_:)`` checks the graph itself.
  ///
  /// - Throws: ``NLPCellError`` naming the position, node or field at fault.
  public init(recipe text: String) throws(NLPCellError) {
    let value: PlainJSON.Value
    do {
      value = try PlainJSON.parse(text)
    } catch {
      throw .malformedJSON(line: error.line, column: error.column, message: error.message)
    }
    try self.init(recipeValue: value)
  }

  /// Reads a recipe already parsed as JSON (the training logs embed recipes).
  package init(recipeValue value: PlainJSON.Value) throws(NLPCellError) {
    guard case .object(let members) = value else {
      throw .wrongType(path: "recipe", expected: "an object of nodes", found: value.kindDescription)
    }
    var nodes: [String: NLPNode] = [:]
    nodes.reserveCapacity(members.count)
    for member in members {
      try Self.checkDefinable(member.key)
      nodes[member.key] = try Self.readNode(named: member.key, from: member.value)
    }
    self.init(nodes: nodes)
  }

  /// Throws unless `name` may name a node.
  static func checkDefinable(_ name: String) throws(NLPCellError) {
    if name.isEmpty {
      throw .invalidNodeName(name, reason: "names must not be empty")
    }
    switch NLPNodeName(name) {
    case .input, .previousHidden:
      throw .invalidNodeName(name, reason: "'\(name)' is an input of the cell")
    case .malformedHidden:
      throw .invalidNodeName(
        name, reason: "hidden-state indices are written without leading zeros, below 1000000")
    case .newHidden, .intermediate:
      return
    }
  }

  private static func readNode(
    named name: String, from value: PlainJSON.Value
  ) throws(NLPCellError) -> NLPNode {
    guard case .object(let fields) = value else {
      throw .wrongType(
        path: name, expected: "an object with 'op' and 'input'", found: value.kindDescription)
    }
    for field in fields where field.key != "op" && field.key != "input" {
      throw .unexpectedField(node: name, field: field.key)
    }
    guard let opValue = value["op"] else { throw .missingField(node: name, field: "op") }
    guard let inputValue = value["input"] else { throw .missingField(node: name, field: "input") }
    guard case .string(let opName) = opValue else {
      throw .wrongType(
        path: name + ".op", expected: "a string", found: opValue.kindDescription)
    }
    guard let operation = NLPOperation(recipeName: opName) else {
      throw .unknownOperation(node: name, name: opName)
    }
    guard case .array(let elements) = inputValue else {
      throw .wrongType(
        path: name + ".input", expected: "an array of strings", found: inputValue.kindDescription)
    }
    var inputs: [String] = []
    inputs.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      guard case .string(let input) = element else {
        throw .wrongType(
          path: "\(name).input[\(index)]", expected: "a string", found: element.kindDescription)
      }
      inputs.append(input)
    }
    return NLPNode(operation, inputs)
  }

  /// The canonical recipe text: compact JSON, nodes in topological order with ties
  /// broken by name (`node_2` before `node_10`), inputs in their order.
  ///
  /// The same cell always prints the same text, whatever order its recipe listed its
  /// nodes in, and ``init(recipe:)`` reads it back as an equal cell. Nodes on a cycle
  /// (invalid cells) come last, by name.
  public var recipe: String {
    var text = "{"
    for (position, name) in printingOrder().enumerated() {
      guard let node = nodes[name] else { continue }
      if position > 0 { text += "," }
      text += PlainJSON.quoted(name) + ":{\"op\":" + PlainJSON.quoted(node.operation.recipeName)
      text += ",\"input\":[" + node.inputs.map(PlainJSON.quoted).joined(separator: ",") + "]}"
    }
    return text + "}"
  }

  /// The node names in evaluation order, or nil when nodes form a cycle.
  ///
  /// Each node comes after the nodes it reads, ties by name; ``program()`` gives the
  /// same order with inputs resolved to indices.
  public var topologicalOrder: [String]? {
    let order = orderedTopologically()
    return order.count == nodes.count ? order : nil
  }

  /// All node names, in topological order with ties by name; leftovers (on cycles) last.
  func printingOrder() -> [String] {
    var order = orderedTopologically()
    if order.count < nodes.count {
      let placed = Set(order)
      order += nodes.keys.filter { !placed.contains($0) }.sorted(by: naturallyPrecedes)
    }
    return order
  }

  /// Kahn's algorithm over the defined nodes, always taking the first ready node by name.
  ///
  /// Returns fewer names than there are nodes when some lie on a cycle.
  func orderedTopologically() -> [String] {
    var waitingOn: [String: Int] = [:]
    var readers: [String: [String]] = [:]
    for (name, node) in nodes {
      let dependencies = Set(node.inputs.filter { nodes[$0] != nil })
      waitingOn[name] = dependencies.count
      for dependency in dependencies { readers[dependency, default: []].append(name) }
    }
    var ready = waitingOn.filter { $0.value == 0 }.map(\.key).sorted(by: naturallyPrecedes)
    var order: [String] = []
    order.reserveCapacity(nodes.count)
    while !ready.isEmpty {
      let name = ready.removeFirst()
      order.append(name)
      for reader in readers[name] ?? [] {
        let remaining = (waitingOn[reader] ?? 0) - 1
        waitingOn[reader] = remaining
        if remaining == 0 {
          let slot = ready.firstIndex { naturallyPrecedes(reader, $0) } ?? ready.endIndex
          ready.insert(reader, at: slot)
        }
      }
    }
    return order
  }
}
