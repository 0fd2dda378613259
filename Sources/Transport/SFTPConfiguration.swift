import Secrets
/// How to reach and authenticate to one partner's SFTP server.
public struct SFTPConfiguration: Sendable, Hashable {
    public enum Authentication: Sendable, Hashable {
        /// An OpenSSH or PEM private key file; ed25519 and ECDSA work everywhere, RSA only where the
        /// server still accepts SHA-1 `ssh-rsa` signatures (libssh2 1.10 cannot sign with rsa-sha2).
        case privateKey(path: String, passphrase: SecretReference?)
        case password(SecretReference)
    }

    public struct Timeouts: Sendable, Hashable {
        /// TCP connect.
        public var connect: Duration
        /// Longest wait for any single network step after connecting (banner, key exchange,
        /// authentication, each SFTP request and each read or write of a transfer). A transfer that
        /// keeps moving is never cut; one that stalls this long is.
        public var step: Duration

        public init(connect: Duration = .seconds(10), step: Duration = .seconds(30)) {
            self.connect = connect
            self.step = step
        }
    }

    public var host: String
    public var port: Int
    public var user: String
    public var authentication: Authentication
    /// nil refuses every server, reporting the key it presented so that ops can pin it.
    public var hostKey: HostKeyPin?
    public var timeouts: Timeouts
    public var reconnect: ReconnectPolicy
    /// Ask the server to fsync each upload before it is renamed into place, so a server crash
    /// cannot publish an empty or truncated file under the final name.
    public var fsyncUploads: Bool
    /// Bytes per read or write call; libssh2 pipelines requests within one call (reads ahead up to
    /// four times this), so large buffers make bulk transfers fast: 1 MiB reads are 3–4× faster than
    /// 32 KiB on loopback, while 4 MiB made uploads slower again than 1 MiB (measured here).
    public var bufferSize: Int
    public static let defaultBufferSize = 1 << 20

    public init(host: String, port: Int = 22, user: String, authentication: Authentication, hostKey: HostKeyPin?,
                timeouts: Timeouts = Timeouts(), reconnect: ReconnectPolicy = .default,
                fsyncUploads: Bool = true, bufferSize: Int = defaultBufferSize) {
        self.host = host
        self.port = port
        self.user = user
        self.authentication = authentication
        self.hostKey = hostKey
        self.timeouts = timeouts
        self.reconnect = reconnect
        self.fsyncUploads = fsyncUploads
        self.bufferSize = bufferSize
    }
}
