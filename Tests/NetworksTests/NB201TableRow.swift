import Foundation
import NASTestSupport
import SearchSpace

/// One row of `nasbench201/nb201_200epoch.csv`: the columns the network tests use.
struct NB201TableRow {
  var cell: NB201Cell
  var parametersCIFAR10Formula: Double
  var flopsCIFAR10: Double
  var flopsCIFAR100: Double
  var flopsImageNet16: Double
  var convolutions3x3: Int
  var convolutions1x1: Int

  /// Every row of the table, read once.
  static let all: [NB201TableRow] = {
    guard let url = try? TestData.url("nasbench201/nb201_200epoch.csv"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else { return [] }
    var lines = text.split(separator: "\n")
    guard !lines.isEmpty else { return [] }
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    func column(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
    let arch = column("arch_str")
    let params = column("params_mb_cifar10_formula")
    let flops10 = column("flops_m_cifar10_derived")
    let flops100 = column("flops_m_cifar100_derived")
    let flops16 = column("flops_m_imagenet16_derived")
    let n3 = column("n_conv3x3")
    let n1 = column("n_conv1x1")
    return lines.compactMap { line -> NB201TableRow? in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == header.count,
        let cell = try? NB201Cell(parsing: String(fields[arch])),
        let p = Double(fields[params]), let f10 = Double(fields[flops10]),
        let f100 = Double(fields[flops100]), let f16 = Double(fields[flops16]),
        let c3 = Int(fields[n3]), let c1 = Int(fields[n1])
      else { return nil }
      return NB201TableRow(
        cell: cell, parametersCIFAR10Formula: p, flopsCIFAR10: f10, flopsCIFAR100: f100,
        flopsImageNet16: f16, convolutions3x3: c3, convolutions1x1: c1)
    }
  }()
}
