import Foundation

/// The host key a partner's server must present, as `ssh-keygen -l -E sha256` prints it.
public struct HostKeyPin: Sendable, Hashable {
    /// `SHA256:` followed by unpadded base64, e.g. `SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s`.
    public let fingerprint: String
    /// Key algorithm such as `ssh-ed25519` or `ecdsa-sha2-nistp256`. libssh2 prefers ECDSA host keys
    /// when a server has several, so without this a server with both would present the other one.
    public let keyType: String?

    public init(fingerprint: String, keyType: String? = nil) {
        self.fingerprint = fingerprint
        self.keyType = keyType
    }

    /// Compares ignoring base64 padding, which some tools print and `ssh-keygen` does not.
    public func matches(_ presented: String) -> Bool {
        Self.normalized(fingerprint) == Self.normalized(presented)
    }

    static func normalized(_ fingerprint: String) -> String {
        var s = fingerprint.trimmingCharacters(in: .whitespacesAndNewlines)
        if !s.hasPrefix("SHA256:") { s = "SHA256:" + s }
        while s.hasSuffix("=") { s.removeLast() }
        return s
    }
}

