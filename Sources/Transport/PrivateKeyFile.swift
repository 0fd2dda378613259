import Foundation

/// Reads just enough of a private key file to know its algorithm, so that an authentication failure
/// with an RSA key can be explained (libssh2 1.10 signs only with SHA-1 `ssh-rsa`, which OpenSSH 8.8
/// and later refuse by default) instead of surfacing as a bare "public key unverified".
enum PrivateKeyFile {
    enum Algorithm: Equatable {
        case rsa, ed25519, ecdsa, dsa, unknown
    }

    static func algorithm(ofKeyAt path: String) -> Algorithm {
        guard let data = FileManager.default.contents(atPath: path) else { return .unknown }
        let text = String(decoding: data, as: UTF8.self)
        if text.contains("BEGIN RSA PRIVATE KEY") { return .rsa }
        if text.contains("BEGIN EC PRIVATE KEY") { return .ecdsa }
        if text.contains("BEGIN DSA PRIVATE KEY") { return .dsa }
        guard text.contains("BEGIN OPENSSH PRIVATE KEY") else { return .unknown }
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let blob = Data(base64Encoded: body) else { return .unknown }
        return algorithm(ofOpenSSHKeyBlob: [UInt8](blob))
    }

    /// openssh-key-v1: magic, cipher, kdf, kdf options, key count, then the public key in clear,
    /// whose first field is the algorithm name — readable even when the private part is encrypted.
    private static func algorithm(ofOpenSSHKeyBlob blob: [UInt8]) -> Algorithm {
        let magic = Array("openssh-key-v1\0".utf8)
        guard blob.starts(with: magic) else { return .unknown }
        var offset = magic.count
        func readString() -> [UInt8]? {
            guard offset + 4 <= blob.count else { return nil }
            let length = blob[offset..<offset + 4].reduce(0) { ($0 << 8) | Int($1) }
            offset += 4
            guard length >= 0, offset + length <= blob.count else { return nil }
            defer { offset += length }
            return Array(blob[offset..<offset + length])
        }
        guard readString() != nil, readString() != nil, readString() != nil else { return .unknown }
        offset += 4
        guard let publicKey = readString() else { return .unknown }
        let inner = publicKey
        guard inner.count >= 4 else { return .unknown }
        let length = inner[0..<4].reduce(0) { ($0 << 8) | Int($1) }
        guard 4 + length <= inner.count else { return .unknown }
        let name = String(decoding: inner[4..<4 + length], as: UTF8.self)
        switch name {
        case "ssh-rsa": return .rsa
        case "ssh-ed25519": return .ed25519
        case "ssh-dss": return .dsa
        case _ where name.hasPrefix("ecdsa-sha2-"): return .ecdsa
        default: return .unknown
        }
    }
}
