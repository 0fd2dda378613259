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
                let filled = try readFully(fd, into: buffer, path: path)
                if filled == 0 { return }
                try body(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
                if filled < buffer.count { return }
            }
        }
    }
}
