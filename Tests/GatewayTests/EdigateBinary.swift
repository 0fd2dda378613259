import Foundation
import XCTest

/// The `edigate` binary that `swift build --build-tests` puts beside the test bundle, run as
/// ops run it.
enum EdigateBinary {
    static func locate() throws -> URL {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("edigate")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("no edigate binary at \(binary.path): build with `swift build --build-tests` first")
        }
        return binary
    }

    /// Runs it to the end; a run ended by a signal reports the signal instead of a status.
    static func run(_ binary: URL, _ arguments: [String], environment: [String: String]? = nil, in directory: String? = nil) throws -> ProcessRun {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let signaled = process.terminationReason == .uncaughtSignal
        return ProcessRun(status: signaled ? -1 : process.terminationStatus, signal: signaled ? process.terminationStatus : nil,
                          stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}

struct ProcessRun {
    var status: Int32
    /// The signal that ended the process, when one did.
    var signal: Int32?
    var stdout: String
    var stderr: String
}
