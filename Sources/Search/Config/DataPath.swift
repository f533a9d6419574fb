import Foundation

/// Resolves file paths in configs: absolute paths as given; relative ones from the
/// working directory, else from `$NAS_DATA_DIR` (so shipped configs can say
/// `"nasbench201/nb201_200epoch.csv"`).
public enum DataPath {
  /// The URL of `path`, or an error naming the config key and the places looked in.
  public static func resolve(_ path: String, key: String, file: String = "") throws(ConfigError)
    -> URL
  {
    let fm = FileManager.default
    if path.hasPrefix("/") {
      guard fm.fileExists(atPath: path) else {
        throw ConfigError(file: file, path: key, message: "file not found: \(path)")
      }
      return URL(fileURLWithPath: path)
    }
    var tried = [fm.currentDirectoryPath + "/" + path]
    if fm.fileExists(atPath: path) {
      return URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent(path)
    }
    if let dataDirectory = ProcessInfo.processInfo.environment["NAS_DATA_DIR"],
      !dataDirectory.isEmpty
    {
      let candidate = URL(fileURLWithPath: dataDirectory).appendingPathComponent(path)
      if fm.fileExists(atPath: candidate.path) { return candidate }
      tried.append(candidate.path)
    } else {
      tried.append("$NAS_DATA_DIR/\(path) (NAS_DATA_DIR is not set)")
    }
    throw ConfigError(
      file: file, path: key, message: "file not found: tried \(tried.joined(separator: ", "))")
  }
}
