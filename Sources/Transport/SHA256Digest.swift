import Foundation
import CLibSSH2

/// Incremental SHA-256 through OpenSSL's libcrypto, which libssh2 links anyway.
final class SHA256Digest {
    private let context: OpaquePointer

    init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("OpenSSL cannot initialise SHA-256")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Lowercase hex, as `sha256sum` prints it.
    func finalize() -> String {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &out, &length)
        return hex(out.prefix(Int(length)))
    }
}

func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// SHA-256 of a whole local file, read in large chunks.
public func sha256OfFile(at path: String) throws -> TransferReceipt {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { throw TransportError.local(operation: "open", path: path, errno: errno, message: String(cString: strerror(errno))) }
    defer { close(fd) }
    let digest = SHA256Digest()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    var total: Int64 = 0
    while true {
        let n = read(fd, buffer.baseAddress, buffer.count)
        if n < 0 {
            if errno == EINTR { continue }
            throw TransportError.local(operation: "read", path: path, errno: errno, message: String(cString: strerror(errno)))
        }
        if n == 0 { break }
        digest.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        total += Int64(n)
    }
    return TransferReceipt(size: total, sha256: digest.finalize())
}
