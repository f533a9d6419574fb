import Networks
import SearchSpace
import Testing

/// The operations the recurrent layers are built from: time-step rows, stacking, row
/// broadcasting, matrix product and transpose; values against direct index arithmetic,
/// gradients against central differences.
struct NLPSequenceOperationTests {
  @Test func rowsStackAndRepeatRowsMoveTheRightElements() {
    let pass = ForwardPass<Double>()
    let x = GradientCheck.random([5, 2, 3], seed: 1)
    let middle = pass.rows(x, 1..<3)
    #expect(middle.shape == [2, 2, 3])
    #expect(middle.scalars == Array(x.scalars[6..<18]))
    let steps = (0..<5).map { pass.rows(x, $0..<($0 + 1)) }
    #expect(pass.stack(steps).shape == [5, 1, 2, 3])
    #expect(pass.stack(steps).scalars == x.scalars)
    let v = Tensor<Double>(shape: [3], scalars: [1, -2, 5])
    #expect(pass.repeatRows(v, count: 2).scalars == [1, -2, 5, 1, -2, 5])
  }

  @Test func matmulAndTransposeAgreeWithTheDefinition() {
    let pass = ForwardPass<Double>()
    let a = GradientCheck.random([7, 13], seed: 2)
    let b = GradientCheck.random([13, 5], seed: 3)
    let c = pass.matmul(a, b)
    #expect(c.shape == [7, 5])
    for i in 0..<7 {
      for j in 0..<5 {
        let expected = (0..<13).reduce(0.0) { $0 + a[i, $1] * b[$1, j] }
        #expect(abs(c[i, j] - expected) < 1e-12)
      }
    }
    let t = pass.transpose(GradientCheck.random([37, 41], seed: 4))
    let source = GradientCheck.random([37, 41], seed: 4)
    #expect(t.shape == [41, 37])
    #expect((0..<41).allSatisfy { j in (0..<37).allSatisfy { i in t[j, i] == source[i, j] } })
    #expect(pass.multiplyAccumulates == 7 * 13 * 5)
  }

  @Test func gradientsMatchFiniteDifferences() {
    // rows (step 2 read twice: gradients accumulate), stack, reshape.
    GradientCheck.check(
      inputs: [GradientCheck.random([4, 3, 2], seed: 5), GradientCheck.random([3, 2], seed: 6)]
    ) { pass, x in
      let late = pass.reshape(pass.rows(x[0], 2..<3), to: [3, 2])
      let early = pass.reshape(pass.rows(x[0], 0..<1), to: [3, 2])
      return pass.multiply(
        pass.stack([late, early, x[1], late]), pass.stack([x[1], x[1], late, early]))
    }
    // matmul with a transposed matrix, plus a broadcast row.
    GradientCheck.check(
      inputs: [GradientCheck.random([3, 5], seed: 7), GradientCheck.random([4, 5], seed: 8)]
    ) { pass, x in
      let row = pass.rows(pass.reshape(x[1], to: [20]), 3..<7)
      return pass.add(pass.matmul(x[0], pass.transpose(x[1])), pass.repeatRows(row, count: 3))
    }
  }
}
