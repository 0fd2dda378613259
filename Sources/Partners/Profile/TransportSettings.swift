import Foundation
import Transport
import Secrets

/// Where files come from and go to: the partner's SFTP server or a local folder (a drop
/// folder another system fills, or a test setup). Secrets only by reference.
public struct TransportSettings: Codable, Sendable, Hashable {
    public struct SFTP: Codable, Sendable, Hashable {
        public var host: String
        public var port: Int
        public var user: String
        /// Path of the private key file (the key itself never goes into a profile).
        public var privateKey: String?
        /// `env:NAME` or `file:PATH` of the key's passphrase.
        public var passphrase: String?
        /// `env:NAME` or `file:PATH` of the password, for servers without key login.
        public var password: String?
        /// Pinned host key, `SHA256:…` as `ssh-keygen -l -E sha256` prints it.
        public var hostKey: String
        /// e.g. `ssh-ed25519`; needed when the server has several host keys.
        public var hostKeyType: String?
        public var connectTimeoutSeconds: Int
        public var stepTimeoutSeconds: Int

        public init(host: String, port: Int = 22, user: String, privateKey: String? = nil, passphrase: String? = nil, password: String? = nil, hostKey: String, hostKeyType: String? = nil, connectTimeoutSeconds: Int = 10, stepTimeoutSeconds: Int = 30) {
            self.host = host
            self.port = port
            self.user = user
            self.privateKey = privateKey
            self.passphrase = passphrase
            self.password = password
            self.hostKey = hostKey
            self.hostKeyType = hostKeyType
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.stepTimeoutSeconds = stepTimeoutSeconds
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            host = try c.decode(String.self, forKey: .host)
            port = try c.decodeIfPresent(Int.self, forKey: .port) ?? 22
            user = try c.decode(String.self, forKey: .user)
            privateKey = try c.decodeIfPresent(String.self, forKey: .privateKey)
            passphrase = try c.decodeIfPresent(String.self, forKey: .passphrase)
            password = try c.decodeIfPresent(String.self, forKey: .password)
            hostKey = try c.decode(String.self, forKey: .hostKey)
            hostKeyType = try c.decodeIfPresent(String.self, forKey: .hostKeyType)
            connectTimeoutSeconds = try c.decodeIfPresent(Int.self, forKey: .connectTimeoutSeconds) ?? 10
            stepTimeoutSeconds = try c.decodeIfPresent(Int.self, forKey: .stepTimeoutSeconds) ?? 30
        }
    }

    public struct Local: Codable, Sendable, Hashable {
        /// The folder that stands for the server's root; `inbound`, `outbound` and `archive` are inside it.
        public var root: String
        public init(root: String) { self.root = root }
    }

    /// When an inbound file is complete: `stable` (size and time unchanged across two
    /// listings) or a done marker written after it (`doneMarker: .done`).
    public struct Pickup: Codable, Sendable, Hashable {
        public var doneMarker: String?
        public var maxFileSizeMB: Int
        /// The largest limit a profile may set. Files over a few megabytes are kept in the
        /// store's content folder and read as a stream, so memory does not grow with this;
        /// the bound is on disk and time one file may take.
        public static let largestMB = 4096
        public init(doneMarker: String? = nil, maxFileSizeMB: Int = 64) {
            self.doneMarker = doneMarker
            self.maxFileSizeMB = maxFileSizeMB
        }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            doneMarker = try c.decodeIfPresent(String.self, forKey: .doneMarker)
            maxFileSizeMB = try c.decodeIfPresent(Int.self, forKey: .maxFileSizeMB) ?? 64
        }
    }

    public var sftp: SFTP?
    public var local: Local?
    /// Folder we take the partner's files from.
    public var inbound: String
    /// Folder we put our files in.
    public var outbound: String
    /// Where taken files are moved on the server; absent means they are deleted.
    public var archive: String?
    public var pollIntervalSeconds: Int
    public var pickup: Pickup

    public init(sftp: SFTP? = nil, local: Local? = nil, inbound: String, outbound: String, archive: String? = nil, pollIntervalSeconds: Int = 60, pickup: Pickup = Pickup()) {
        self.sftp = sftp
        self.local = local
        self.inbound = inbound
        self.outbound = outbound
        self.archive = archive
        self.pollIntervalSeconds = pollIntervalSeconds
        self.pickup = pickup
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sftp = try c.decodeIfPresent(SFTP.self, forKey: .sftp)
        local = try c.decodeIfPresent(Local.self, forKey: .local)
        inbound = try c.decode(String.self, forKey: .inbound)
        outbound = try c.decode(String.self, forKey: .outbound)
        archive = try c.decodeIfPresent(String.self, forKey: .archive)
        pollIntervalSeconds = try c.decodeIfPresent(Int.self, forKey: .pollIntervalSeconds) ?? 60
        pickup = try c.decodeIfPresent(Pickup.self, forKey: .pickup) ?? Pickup()
    }

    // MARK: - Onto the Transport module's types

    /// The SFTP connection settings; nil for a local-folder partner.
    public func sftpConfiguration() throws -> SFTPConfiguration? {
        guard let sftp else { return nil }
        let authentication: SFTPConfiguration.Authentication
        if let key = sftp.privateKey {
            authentication = .privateKey(path: key, passphrase: try sftp.passphrase.map { try SecretReference(parsing: $0) })
        } else if let password = sftp.password {
            authentication = .password(try SecretReference(parsing: password))
        } else {
            throw TransportError.secretUnavailable(reference: "transport.sftp", reason: "neither privateKey nor password is given")
        }
        return SFTPConfiguration(host: sftp.host, port: sftp.port, user: sftp.user, authentication: authentication,
                                 hostKey: HostKeyPin(fingerprint: sftp.hostKey, keyType: sftp.hostKeyType),
                                 timeouts: .init(connect: .seconds(sftp.connectTimeoutSeconds), step: .seconds(sftp.stepTimeoutSeconds)))
    }

    /// The pickup rules for the inbound folder.
    public var inboundProfile: InboundProfile {
        InboundProfile(folder: inbound,
                       readiness: pickup.doneMarker.map { .doneMarker(suffix: $0) } ?? .stableAcrossListings,
                       disposal: archive.map { .archive(folder: $0) } ?? .delete,
                       maxFileSize: Int64(pickup.maxFileSizeMB) << 20)
    }

    /// The transport itself: SFTP or the local folder.
    public func makeTransport() throws -> any Transport {
        if let configuration = try sftpConfiguration() { return SFTPTransport(configuration) }
        return LocalFolderTransport(root: URL(fileURLWithPath: local?.root ?? "."))
    }
}
