import Foundation

/// One entry of a folder listing, as the server described it.
public struct RemoteFile: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case regularFile, directory, symbolicLink, other
    }

    public let folder: String
    /// Raw bytes of the name as the server sent them; `name` is their (possibly lossy) UTF-8 reading.
    public let nameBytes: [UInt8]
    public let size: Int64
    /// Whole seconds since 1970: SFTP v3 carries no finer resolution.
    public let modified: Int64
    public let kind: Kind

    public init(folder: String, nameBytes: [UInt8], size: Int64, modified: Int64, kind: Kind) {
        self.folder = folder
        self.nameBytes = nameBytes
        self.size = size
        self.modified = modified
        self.kind = kind
    }

    public var name: String { String(decoding: nameBytes, as: UTF8.self) }
    public var modificationDate: Date { Date(timeIntervalSince1970: TimeInterval(modified)) }

    /// The name checked by `FileNameSafety`, or why it must not be used.
    public func safeName(maxLength: Int = FileNameSafety.defaultMaxLength) -> Result<String, TransportError> {
        FileNameSafety.check(nameBytes, maxLength: maxLength)
    }
}
