import Foundation

/// Feeds an upload source to a writer in chunks as large as the buffer, because libssh2 pipelines
/// one write call's bytes into many requests and small writes would serialise round trips.
enum UploadReader {
    static func forEachChunk(of source: UploadSource, buffer: UnsafeMutableRawBufferPointer,
                             _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch source {
        case .bytes(let data):
            try data.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let end = min(offset + buffer.count, bytes.count)
                    try body(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                    offset = end
                }
            }
        case .file(let url):
            let path = url.path
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw localError("open", path) }
            defer { close(fd) }
            while true {
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
                if filled == 0 { return }
                try body(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
                if filled < buffer.count { return }
            }
        }
    }
}
