import Foundation

/// A partner's SFTP server, through libssh2.
///
/// The actor runs on its own thread (`SessionThread`), so libssh2's blocking calls never occupy
/// Swift's cooperative pool. It keeps one session open across calls — a whole poll uses one
/// session — and opens a new one, with exponential backoff and jitter, when the server went away.
/// Each operation is written so that repeating it after a connection drop is safe.
public actor SFTPTransport: Transport {
    public let configuration: SFTPConfiguration
    private let thread: SessionThread
    private var connection: SFTPConnection?
    /// Sessions established so far; lets tests and metrics see that a poll reused one session.
    public private(set) var sessionsOpened = 0

    public nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }

    public init(_ configuration: SFTPConfiguration) {
        self.configuration = configuration
        self.thread = SessionThread(name: "sftp \(configuration.user)@\(configuration.host):\(configuration.port)")
    }

    // Not `isolated deinit`: with it, Swift 6.3's release build of an executable that creates an
    // SFTPTransport from its main fails with "error: circular reference". The connection (released
    // after this) says goodbye on whichever thread drops the last reference; `close()` first to keep
    // that off the cooperative pool.
    deinit {
        thread.shutdown()
    }

    /// Connects now (instead of on first use), e.g. to check a profile.
    public func connect() async throws {
        try await withSession("connect") { _, _ in }
    }

    public func close() async {
        connection = nil
    }

    public func list(_ folder: String) async throws -> [RemoteFile] {
        try await withSession("list \(folder)") { connection, _ in try connection.list(folder) }
    }

    public func download(_ name: String, from folder: String, to localURL: URL, maxBytes: Int64?) async throws -> TransferReceipt {
        let name = try FileNameSafety.check(name).get()
        let path = joinRemotePath(folder, name)
        return try await withSession("download \(path)") { connection, _ in
            try connection.download(path, to: localURL, maxBytes: maxBytes)
        }
    }

    public func upload(_ source: UploadSource, to folder: String, as name: String) async throws -> TransferReceipt {
        let name = try FileNameSafety.check(name).get()
        let finalPath = joinRemotePath(folder, name)
        var progress = SFTPConnection.UploadProgress()
        return try await withSession("upload \(finalPath)") { connection, attempt in
            if attempt > 1, let stale = progress.temporaryPath {
                // The cut attempt's temporary survived on the server; it is ours and hidden, remove it.
                connection.removeQuietly(stale)
            }
            let renameWasRequested = progress.renameRequested
            do {
                return try connection.upload(source, to: folder, as: name, fsync: configuration.fsyncUploads, progress: &progress)
            } catch TransportError.alreadyExists(_, let path) where path == finalPath && attempt > 1 && renameWasRequested {
                // The previous attempt's rename may have reached the server just before the connection
                // dropped; a file of exactly our size under our name is taken to be that.
                let receipt = try Self.receipt(of: source)
                guard try connection.size(of: finalPath) == receipt.size else {
                    throw TransportError.alreadyExists(host: configuration.host, path: finalPath)
                }
                return receipt
            }
        }
    }

    public func move(_ name: String, from folder: String, to destinationFolder: String, as newName: String?) async throws {
        let name = try FileNameSafety.check(name).get()
        let newName = try FileNameSafety.check(newName ?? name).get()
        let source = joinRemotePath(folder, name)
        let destination = joinRemotePath(destinationFolder, newName)
        try await withSession("move \(source)") { connection, attempt in
            do {
                try connection.rename(source, to: destination)
            } catch TransportError.notFound where attempt > 1 {
                // A rename that completed just before the connection dropped looks like this on retry.
                guard try connection.exists(destination) else { throw TransportError.notFound(host: configuration.host, path: source) }
            }
        }
    }

    public func delete(_ name: String, in folder: String) async throws {
        let name = try FileNameSafety.check(name).get()
        let path = joinRemotePath(folder, name)
        try await withSession("delete \(path)") { connection, attempt in
            do {
                try connection.delete(path)
            } catch TransportError.notFound where attempt > 1 {
                // Deleted by the attempt whose answer was lost.
            }
        }
    }

    /// Runs `body` on the current session, opening one if needed. When the session breaks in a way a
    /// new session may fix, waits per the reconnect policy and runs `body` again (`attempt` counts).
    private func withSession<T>(_ operation: String, _ body: (SFTPConnection, _ attempt: Int) throws -> T) async throws -> T {
        var failures = 0
        while true {
            do {
                let connection = try currentConnection()
                defer { if connection.isBroken { self.connection = nil } }
                return try body(connection, failures + 1)
            } catch let error as TransportError where error.isWorthReconnecting {
                connection = nil
                failures += 1
                guard let delay = configuration.reconnect.delay(afterFailure: failures) else { throw error }
                try await Task.sleep(for: delay)
            }
        }
    }

    private func currentConnection() throws -> SFTPConnection {
        if let connection, !connection.isBroken { return connection }
        connection = nil
        let opened = try SFTPConnection.open(configuration)
        sessionsOpened += 1
        connection = opened
        return opened
    }

    private static func receipt(of source: UploadSource) throws -> TransferReceipt {
        switch source {
        case .file(let url):
            return try sha256OfFile(at: url.path)
        case .bytes(let data):
            let digest = SHA256Digest()
            data.withUnsafeBytes { digest.update($0) }
            return TransferReceipt(size: Int64(data.count), sha256: digest.finalize())
        }
    }
}
