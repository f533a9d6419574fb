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

  /// Every row of the table, read once (empty without the reference data).
  static let all: [NB201TableRow] = {
    guard let table = try? ReferenceRows.dataFile("nasbench201/nb201_200epoch.csv"),
      let arch = table.index(of: "arch_str"),
      let params = table.index(of: "params_mb_cifar10_formula"),
      let flops10 = table.index(of: "flops_m_cifar10_derived"),
      let flops100 = table.index(of: "flops_m_cifar100_derived"),
      let flops16 = table.index(of: "flops_m_imagenet16_derived"),
      let n3 = table.index(of: "n_conv3x3"), let n1 = table.index(of: "n_conv1x1")
    else { return [] }
    return table.rows.compactMap { fields -> NB201TableRow? in
      guard let cell = try? NB201Cell(parsing: fields[arch]),
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
