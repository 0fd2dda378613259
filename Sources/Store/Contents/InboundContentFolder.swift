import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The store's content folder: inbound files too large to be one SQLite value, kept beside the
/// database by SHA-256 (`<store>.contents/ab/abcdef…`), written once, never changed.
///
/// A file is made durable here before its row is committed, so a row never points at bytes
/// that are not on disk; a crash between the two leaves an unreferenced file, which the next
/// pickup of the same bytes reuses (content-addressed, so it can only be the same content).
public struct InboundContentFolder: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The folder beside a store file: `<store>.contents`.
    public init(besideStore path: String) {
        self.init(root: URL(fileURLWithPath: path + ".contents"))
    }

    public func path(of sha256: String) -> String {
        root.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256).path
    }

    /// Moves a staged file (already checked to have `sha256`) into the folder: flushed to disk,
    /// renamed into place, the folder's entry flushed. A staging area on another file system is
    /// copied instead.
    func keep(_ staged: URL, sha256: String) throws {
        let target = path(of: sha256)
        let folder = (target as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw GatewayStoreError.contentNotKept(path: folder, reason: "\(error)")
        }
        try Self.flush(staged.path, target: target)
        if rename(staged.path, target) != 0 {
            guard errno == EXDEV else { throw Self.failure(target, "rename") }
            try copy(staged.path, to: target)
        }
        try Self.flush(folder, target: target)
        try Self.flush(root.path, target: target)
    }

    /// Keeps a copy of `file`, which stays where it is (copying a store into another).
    public func keepCopy(of file: URL, sha256: String) throws {
        let target = path(of: sha256)
        guard !FileManager.default.fileExists(atPath: target) else { return }
        let folder = (target as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw GatewayStoreError.contentNotKept(path: folder, reason: "\(error)")
        }
        try copy(file.path, to: target)
        try Self.flush(folder, target: target)
        try Self.flush(root.path, target: target)
    }

    private func copy(_ source: String, to target: String) throws {
        let temporary = target + ".partial-\(UUID().uuidString)"
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw Self.failure(source, "open") }
        defer { close(input) }
        let output = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw Self.failure(temporary, "create") }
        var done = false
        defer {
            close(output)
            if !done { unlink(temporary) }
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(input, buffer.baseAddress, buffer.count)
            if count < 0 { if errno == EINTR { continue }; throw Self.failure(source, "read") }
            if count == 0 { break }
            var written = 0
            while written < count {
                let n = write(output, buffer.baseAddress! + written, count - written)
                if n < 0 { if errno == EINTR { continue }; throw Self.failure(temporary, "write") }
                written += n
            }
        }
        guard fsync(output) == 0 else { throw Self.failure(temporary, "fsync") }
        guard rename(temporary, target) == 0 else { throw Self.failure(target, "rename") }
        done = true
    }

    /// fsync(2) of a file or folder by path.
    private static func flush(_ path: String, target: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, "open") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure(path, "fsync") }
    }

    private static func failure(_ path: String, _ operation: String) -> GatewayStoreError {
        .contentNotKept(path: path, reason: "\(operation): \(String(cString: strerror(errno)))")
    }
}
