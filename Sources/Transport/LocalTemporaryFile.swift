import Foundation

/// A hidden file beside its final destination that becomes visible under the final name only when
/// complete, so a cut transfer never leaves a partial file where a reader would take it.
final class LocalTemporaryFile {
    let path: String
    private var fd: Int32
    private var committed = false

    /// `mode` 0600 for downloads (a staged copy of a partner's file is nobody else's business);
    /// uploads into a local partner folder keep 0644.
    init(beside finalURL: URL, mode: mode_t = 0o644) throws {
        let directory = finalURL.deletingLastPathComponent().path
        let unique = hex((0..<8).map { _ in UInt8.random(in: 0...255) })
        let base = finalURL.lastPathComponent.utf8.count <= 200 ? finalURL.lastPathComponent : "download"
        path = directory + "/.\(base).\(unique).partial"
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        if fd < 0 { throw localError("create", path) }
    }

    deinit { discard() }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw localError("write", path)
            }
            offset += n
        }
    }

    func sync() throws {
        if fsync(fd) != 0 { throw localError("fsync", path) }
    }

    /// Renames into place, replacing whatever is there (our own staging area).
    func commit(to finalURL: URL) throws {
        try closeFile()
        if rename(path, finalURL.path) != 0 { throw localError("rename to \(finalURL.path)", path) }
        committed = true
    }

    /// Links into place only if the name is free: link(2) is atomic and fails with EEXIST, which is
    /// how "never overwrite a published file" is kept on a local folder.
    func commitWithoutReplacing(to finalPath: String) throws {
        try closeFile()
        if link(path, finalPath) != 0 {
            if errno == EEXIST { throw TransportError.alreadyExists(host: "localhost", path: finalPath) }
            throw localError("link to \(finalPath)", path)
        }
        unlink(path)
        committed = true
    }

    /// Removes the temporary unless it was committed. Safe to call more than once.
    func discard() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        if !committed {
            unlink(path)
            committed = true
        }
    }

    private func closeFile() throws {
        guard fd >= 0 else { return }
        let rc = close(fd)
        fd = -1
        if rc != 0 { throw localError("close", path) }
    }
}

/// Reads from `fd` until `buffer` is full or the file ends; the number of bytes read.
func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(TransportError) -> Int {
    var filled = 0
    while filled < buffer.count {
        let n = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
        if n < 0 {
            if errno == EINTR { continue }
            throw localError("read", path)
        }
        if n == 0 { break }
        filled += n
    }
    return filled
}

func localError(_ operation: String, _ path: String, _ code: Int32 = errno) -> TransportError {
    .local(operation: operation, path: path, errno: code, message: String(cString: strerror(code)))
}
