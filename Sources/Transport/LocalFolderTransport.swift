import Foundation

/// Partner folders on a local (or locally mounted) filesystem: `make demo`'s default, and a second
/// real implementation of `Transport` with the same publish-atomically and never-overwrite rules.
///
/// Folders are relative to `root`. Runs on its own thread like `SFTPTransport`, since large copies
/// and a slow network mount block just as a socket does.
public actor LocalFolderTransport: Transport {
    public let root: URL
    private let thread: SessionThread
    private let bufferSize = 1 << 20

    public nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }

    public init(root: URL) {
        self.root = root.standardizedFileURL
        self.thread = SessionThread(name: "local \(root.path)")
    }

    deinit { thread.shutdown() }

    public func close() async {}

    public func list(_ folder: String) async throws -> [RemoteFile] {
        let directory = path(of: folder)
        guard let stream = opendir(directory) else { throw localError("list", directory) }
        defer { closedir(stream) }
        var files: [RemoteFile] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw localError("list", directory) }
                break
            }
            let nameBytes: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if nameBytes == [0x2E] || nameBytes == [0x2E, 0x2E] { continue }
            var info = stat()
            let full = Array(directory.utf8) + [UInt8(ascii: "/")] + nameBytes + [0]
            let rc = full.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &info) }
            }
            if rc != 0 { continue }  // removed between readdir and lstat
            let kind: RemoteFile.Kind
            switch info.st_mode & S_IFMT {
            case S_IFREG: kind = .regularFile
            case S_IFDIR: kind = .directory
            case S_IFLNK: kind = .symbolicLink
            default: kind = .other
            }
            files.append(RemoteFile(folder: folder, nameBytes: nameBytes, size: Int64(info.st_size),
                                    modified: Int64(info.st_mtim.tv_sec), kind: kind))
        }
        return files
    }

    public func download(_ name: String, from folder: String, to localURL: URL, maxBytes: Int64?) async throws -> TransferReceipt {
        let (source, input, expected) = try openForReading(name, in: folder)
        defer { Glibc.close(input) }
        if let maxBytes, expected > maxBytes { throw TransportError.fileTooLarge(path: source, size: expected, limit: maxBytes) }

        let output = try LocalTemporaryFile(beside: localURL, mode: 0o600)
        defer { output.discard() }
        let digest = SHA256Digest()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            let n = read(input, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw localError("read", source)
            }
            if n == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            total += Int64(n)
            if let maxBytes, total > maxBytes { throw TransportError.fileTooLarge(path: source, size: total, limit: maxBytes) }
            try output.write(chunk)
            digest.update(chunk)
        }
        if total != expected { throw TransportError.changedDuringTransfer(path: source, expectedSize: expected, actualSize: total) }
        try output.commit(to: localURL)
        return TransferReceipt(size: total, sha256: digest.finalize())
    }

    /// The file's path, an open descriptor (the caller closes it) and its size when opened.
    private func openForReading(_ name: String, in folder: String) throws -> (path: String, descriptor: Int32, size: Int64) {
        let source = try filePath(name, in: folder)
        let input = open(source, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if input < 0 { throw errno == ENOENT ? .notFound(host: "localhost", path: source) : localError("open", source) }
        var info = stat()
        if fstat(input, &info) != 0 {
            let error = localError("stat", source)
            Glibc.close(input)
            throw error
        }
        return (source, input, Int64(info.st_size))
    }

    public func downloadIntoMemory(_ name: String, from folder: String, maxBytes: Int64) async throws -> (bytes: Data, receipt: TransferReceipt)? {
        let (source, input, size) = try openForReading(name, in: folder)
        defer { Glibc.close(input) }
        guard size <= maxBytes else { return nil }
        let expected = Int(size)
        // One byte more than the size, so a file that grew since is noticed.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: expected + 1, alignment: 16)
        defer { buffer.deallocate() }
        let total = try readFully(input, into: buffer, path: source)
        if total != expected { throw TransportError.changedDuringTransfer(path: source, expectedSize: Int64(expected), actualSize: Int64(total)) }
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<total])
        let digest = SHA256Digest()
        digest.update(bytes)
        return (Data(bytes), TransferReceipt(size: Int64(total), sha256: digest.finalize()))
    }

    public func upload(_ source: UploadSource, to folder: String, as name: String) async throws -> TransferReceipt {
        let finalPath = try filePath(name, in: folder)
        let output = try LocalTemporaryFile(beside: URL(fileURLWithPath: finalPath))
        defer { output.discard() }
        let digest = SHA256Digest()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        try UploadReader.forEachChunk(of: source, buffer: buffer) { chunk in
            try output.write(chunk)
            digest.update(chunk)
            total += Int64(chunk.count)
        }
        // Published files must survive a crash with their content, as on the SFTP side.
        try output.sync()
        try output.commitWithoutReplacing(to: finalPath)
        return TransferReceipt(size: total, sha256: digest.finalize())
    }

    public func move(_ name: String, from folder: String, to destinationFolder: String, as newName: String?) async throws {
        let source = try filePath(name, in: folder)
        let destination = try filePath(newName ?? name, in: destinationFolder)
        // link + unlink instead of rename(2), which would silently replace an existing destination.
        if link(source, destination) != 0 {
            switch errno {
            case EEXIST: throw TransportError.alreadyExists(host: "localhost", path: destination)
            case ENOENT: throw TransportError.notFound(host: "localhost", path: source)
            default: throw localError("link to \(destination)", source)
            }
        }
        if unlink(source) != 0 { throw localError("unlink", source) }
    }

    public func delete(_ name: String, in folder: String) async throws {
        let target = try filePath(name, in: folder)
        if unlink(target) != 0 {
            throw errno == ENOENT ? .notFound(host: "localhost", path: target) : localError("delete", target)
        }
    }

    private func path(of folder: String) -> String {
        folder.isEmpty || folder == "." ? root.path : root.appendingPathComponent(folder).path
    }

    private func filePath(_ name: String, in folder: String) throws -> String {
        let name = try FileNameSafety.check(name).get()
        return path(of: folder) + "/" + name
    }
}
