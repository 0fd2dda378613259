import Foundation

/// A fresh directory under the system's temporary folder, removed when the test ends unless
/// `EDIGATE_KEEP_TEST_FILES` is set (to look at a test's database with sqlite3 afterwards).
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-gateway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit {
        if ProcessInfo.processInfo.environment["EDIGATE_KEEP_TEST_FILES"] != nil {
            print("kept \(url.path)")
        } else {
            try? FileManager.default.removeItem(at: url)
        }
    }
}
