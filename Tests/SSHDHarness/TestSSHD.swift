import Foundation
import Transport
import XCTest

/// A real OpenSSH server for the tests, run by scripts/sshd-start.sh and stopped by sshd-stop.sh.
/// Nothing is mocked: the transport talks to this server over TCP like it would to a partner's.
public final class TestSSHD: @unchecked Sendable {
    public let directory: String
    public let port: Int
    public let user: String
    public let legacyUser: String
    public let chroot: String
    public let clientDirectory: String
    public let hostKeyFingerprint: String
    public let hostKeyType: String

    static let scripts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts")

    /// Set EDIGATE_SKIP_SSHD=1 to skip the server tests deliberately; otherwise a missing server
    /// (not root, cannot install openssh-server) fails them loudly.
    public static func skipIfRequested() throws {
        if ProcessInfo.processInfo.environment["EDIGATE_SKIP_SSHD"] == "1" {
            throw XCTSkip("EDIGATE_SKIP_SSHD=1: tests against a real sshd skipped on request")
        }
    }

    public static func start() throws -> TestSSHD {
        let values = try parse(run("sshd-start.sh", []))
        return try TestSSHD(values)
    }

    private init(_ values: [String: String]) throws {
        func value(_ key: String) throws -> String {
            guard let v = values[key] else { throw HarnessError("sshd-start.sh printed no \(key)") }
            return v
        }
        directory = try value("SSHD_DIR")
        port = Int(try value("SSHD_PORT")) ?? 0
        user = try value("SSHD_USER")
        legacyUser = try value("SSHD_LEGACY_USER")
        chroot = try value("SSHD_CHROOT")
        clientDirectory = try value("SSHD_CLIENT_DIR")
        hostKeyFingerprint = try value("SSHD_HOST_KEY_FINGERPRINT")
        hostKeyType = try value("SSHD_HOST_KEY_TYPE")
    }

    /// Stops the server and all its session processes; connections drop at once.
    public func stop(keepDirectory: Bool = false) throws {
        _ = try Self.run("sshd-stop.sh", keepDirectory ? [directory, "--keep"] : [directory])
    }

    /// Starts the stopped server again on the same port with the same host key and folders.
    public func restart() throws {
        _ = try Self.run("sshd-start.sh", ["--dir", directory, "--port", String(port)])
    }

    public var pin: HostKeyPin { HostKeyPin(fingerprint: hostKeyFingerprint, keyType: hostKeyType) }

    public func key(_ name: String) -> String { clientDirectory + "/" + name }

    public func configuration(user: String? = nil,
                       authentication: SFTPConfiguration.Authentication? = nil,
                       hostKey: HostKeyPin?? = nil,
                       reconnect: ReconnectPolicy = .never,
                       step: Duration = .seconds(10)) -> SFTPConfiguration {
        SFTPConfiguration(host: "127.0.0.1", port: port, user: user ?? self.user,
                          authentication: authentication ?? .privateKey(path: key("id_ed25519"), passphrase: nil),
                          hostKey: hostKey ?? pin,
                          timeouts: .init(connect: .seconds(5), step: step),
                          reconnect: reconnect)
    }

    /// A path inside the chroot, as root sees it (to play the partner's side directly on disk).
    public func onServer(_ relative: String) -> String { chroot + "/" + relative }

    @discardableResult
    public static func run(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [scripts.appendingPathComponent(script).path] + arguments
        let output = Pipe()
        // stderr to a file: apt-get output can exceed a pipe's buffer while we drain stdout.
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-\(script)-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorPath.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorPath) }
        let errors = try FileHandle(forWritingTo: errorPath)
        defer { try? errors.close() }
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let err = (try? Data(contentsOf: errorPath)) ?? Data()
        guard process.terminationStatus == 0 else {
            throw HarnessError("\(script) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(String(decoding: err, as: UTF8.self))")
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            values[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return values
    }
}

public struct HarnessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// `sha256sum` from coreutils: an implementation independent of the one under test.
public func referenceSHA256(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}

/// A scratch directory on the client side, removed by `remove()`.
public struct Scratch {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-transport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Writes `megabytes` MiB of random bytes (incompressible, so nothing flatters the transfer).
public func writeRandomFile(at url: URL, megabytes: Int) throws {
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let out = try FileHandle(forWritingTo: url)
    defer { try? out.close() }
    let random = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/urandom"))
    defer { try? random.close() }
    for _ in 0..<megabytes {
        try out.write(contentsOf: random.readData(ofLength: 1 << 20))
    }
}

public func directoryListing(_ path: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
}

/// Collects what a handler was given, safely across tasks.
public actor Recorder<Element: Sendable> {
    public private(set) var items: [Element] = []
    public init() {}
    public func append(_ item: Element) { items.append(item) }
    public var count: Int { items.count }
}
