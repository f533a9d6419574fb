/// Orders names the way a person would, so that `node_2` comes before `node_10`.
///
/// Digit runs compare by numeric value. It is a total order: names that compare equal
/// this way (`a01` and `a1`) fall back to byte order.
func naturallyPrecedes(_ lhs: String, _ rhs: String) -> Bool {
  let a = Array(lhs.utf8)
  let b = Array(rhs.utf8)
  var i = 0
  var j = 0
  while i < a.count && j < b.count {
    if isASCIIDigit(a[i]) && isASCIIDigit(b[j]) {
      let runA = digitRun(a, from: i)
      let runB = digitRun(b, from: j)
      let digitsA = a[runA.significant..<runA.end]
      let digitsB = b[runB.significant..<runB.end]
      if digitsA.count != digitsB.count { return digitsA.count < digitsB.count }
      if !digitsA.elementsEqual(digitsB) { return digitsA.lexicographicallyPrecedes(digitsB) }
      i = runA.end
      j = runB.end
    } else {
      if a[i] != b[j] { return a[i] < b[j] }
      i += 1
      j += 1
    }
  }
  if (a.count - i) != (b.count - j) { return (a.count - i) < (b.count - j) }
  return a.lexicographicallyPrecedes(b)
}

private func isASCIIDigit(_ byte: UInt8) -> Bool {
  byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

/// The digit run starting at `start`: where its first significant digit is (the last
/// digit when all are zeros) and where it ends.
private func digitRun(_ bytes: [UInt8], from start: Int) -> (significant: Int, end: Int) {
  var end = start
  while end < bytes.count && isASCIIDigit(bytes[end]) { end += 1 }
  var significant = start
  while significant < end - 1 && bytes[significant] == UInt8(ascii: "0") { significant += 1 }
  return (significant, end)
}
