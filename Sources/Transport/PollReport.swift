import Foundation

/// A file downloaded from a partner, handed to the caller to record durably.
public struct PickedUpFile: Sendable, Hashable {
    public let name: String
    public let folder: String
    public let size: Int64
    /// Lowercase hex SHA-256 of the downloaded bytes.
    public let sha256: String
    /// Server modification time, whole seconds since 1970.
    public let modified: Int64
    /// The downloaded bytes. Valid only while the handler runs: copy or move the file to durable
    /// storage there; whatever is left is removed afterwards. Names no file when `bytes` holds them.
    public let localURL: URL
    /// The bytes themselves when the transport read a small file into memory (nothing staged).
    public let bytes: Data?

    public init(name: String, folder: String, size: Int64, sha256: String, modified: Int64, localURL: URL, bytes: Data? = nil) {
        self.name = name
        self.folder = folder
        self.size = size
        self.sha256 = sha256
        self.modified = modified
        self.localURL = localURL
        self.bytes = bytes
    }

    var withoutBytes: PickedUpFile {
        PickedUpFile(name: name, folder: folder, size: size, sha256: sha256, modified: modified, localURL: localURL)
    }

    /// The bytes, from memory or from the staged copy.
    public func contents() throws -> Data {
        try bytes ?? Data(contentsOf: localURL)
    }
}

/// What one poll did, file by file.
public struct PollReport: Sendable {
    public struct Rejection: Sendable, Hashable {
        public let name: String
        public let reason: String
    }

    public struct Failure: Sendable {
        public let name: String
        public let error: any Error
    }

    /// Handed over, recorded by the caller, and archived or deleted on the server.
    public internal(set) var pickedUp: [PickedUpFile] = []
    /// Recorded by the caller but still on the server (archive or delete failed): the next poll will
    /// offer them again, and the caller's records (by name and checksum) must recognise them.
    public internal(set) var recordedButNotDisposed: [(file: PickedUpFile, error: any Error)] = []
    /// Never downloaded: unsafe names, non-regular files, files over the size limit.
    public internal(set) var rejected: [Rejection] = []
    /// Not ready yet: still changing, first seen, or waiting for a done marker.
    public internal(set) var waiting: [String] = []
    /// Download or the caller's handler failed; the file stays on the server for the next poll.
    public internal(set) var failed: [Failure] = []
    /// Set when the server became unreachable mid-poll and stayed so beyond the reconnect policy;
    /// the remaining files were left for the next poll.
    public internal(set) var interruption: (any Error)?
}
