import CLibSSH2
import Foundation
import Secrets

/// `libssh2_init` is not thread-safe and must run once before any session; a global's lazy
/// initialiser runs exactly once, under a lock.
private let libssh2InitResult: Int32 = libssh2_init(0)

/// One authenticated SSH session with its SFTP channel, used in libssh2's blocking mode with a
/// per-step timeout. Not thread-safe: only its owning `SFTPTransport` (one dedicated thread) uses it.
///
/// Any error that is not an SFTP status from the server marks the connection broken; the owner then
/// discards it and, for errors worth it, reconnects.
final class SFTPConnection {
    let host: String
    private let socket: Int32
    private let session: OpaquePointer
    private let sftp: OpaquePointer
    private let bufferSize: Int
    private let buffer: UnsafeMutableRawBufferPointer
    private(set) var isBroken = false

    private init(host: String, socket: Int32, session: OpaquePointer, sftp: OpaquePointer, bufferSize: Int) {
        self.host = host
        self.socket = socket
        self.session = session
        self.sftp = sftp
        self.bufferSize = bufferSize
        self.buffer = .allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit {
        if isBroken {
            // The peer is gone or stalled: do not wait a full step timeout for a goodbye.
            libssh2_session_set_timeout(session, 200)
        }
        libssh2_sftp_shutdown(sftp)
        libssh2_session_disconnect_ex(session, SSH_DISCONNECT_BY_APPLICATION, "closing", "")
        libssh2_session_free(session)
        close(socket)
        buffer.deallocate()
    }

    // MARK: Connecting

    static func open(_ configuration: SFTPConfiguration) throws -> SFTPConnection {
        guard libssh2InitResult == 0 else {
            throw TransportError.libssh2(host: configuration.host, operation: "libssh2_init", code: libssh2InitResult, message: "cannot initialise libssh2")
        }
        let host = configuration.host
        let port = configuration.port
        let fd = try TCPConnector.connect(host: host, port: port, timeout: configuration.timeouts.connect)
        guard let session = libssh2_session_init_ex(nil, nil, nil, nil) else {
            close(fd)
            throw TransportError.libssh2(host: host, operation: "session init", code: LIBSSH2_ERROR_ALLOC, message: "out of memory")
        }
        var handedOver = false
        defer {
            if !handedOver {
                libssh2_session_free(session)
                close(fd)
            }
        }
        libssh2_session_set_blocking(session, 1)
        libssh2_session_set_timeout(session, milliseconds(configuration.timeouts.step))
        if let keyType = configuration.hostKey?.keyType {
            libssh2_session_method_pref(session, LIBSSH2_METHOD_HOSTKEY, keyType)
        }

        if libssh2_session_handshake(session, libssh2_socket_t(fd)) != 0 {
            let (code, message) = lastError(session)
            throw TransportError.connectFailed(host: host, port: port, reason: "SSH handshake failed (libssh2 \(code): \(message))")
        }
        try verifyHostKey(session, configuration)
        try authenticate(session, configuration)

        guard let sftp = libssh2_sftp_init(session) else {
            let (code, message) = lastError(session)
            throw TransportError.connectionLost(host: host, operation: "SFTP subsystem start", code: code, message: message)
        }
        handedOver = true
        return SFTPConnection(host: host, socket: fd, session: session, sftp: sftp,
                              bufferSize: max(32 << 10, configuration.bufferSize))
    }

    /// Checked after the key exchange and before anything secret (password, signature) is sent.
    private static func verifyHostKey(_ session: OpaquePointer, _ configuration: SFTPConfiguration) throws {
        guard let hash = libssh2_hostkey_hash(session, LIBSSH2_HOSTKEY_HASH_SHA256) else {
            throw TransportError.libssh2(host: configuration.host, operation: "host key hash", code: LIBSSH2_ERROR_HOSTKEY_INIT, message: "server presented no host key")
        }
        let digest = Data(bytes: hash, count: 32)
        var presented = "SHA256:" + digest.base64EncodedString()
        while presented.hasSuffix("=") { presented.removeLast() }
        var length = 0
        var type: Int32 = 0
        _ = libssh2_session_hostkey(session, &length, &type)
        let keyType = hostKeyTypeName(type)

        guard let pin = configuration.hostKey else {
            throw TransportError.hostKeyNotPinned(host: configuration.host, port: configuration.port, presented: presented, keyType: keyType)
        }
        guard pin.matches(presented) else {
            throw TransportError.hostKeyMismatch(host: configuration.host, port: configuration.port,
                                                 expected: pin.fingerprint, presented: presented, keyType: keyType)
        }
    }

    private static func authenticate(_ session: OpaquePointer, _ configuration: SFTPConfiguration) throws {
        let user = configuration.user
        let userLength = UInt32(user.utf8.count)
        let method: String
        let rc: Int32
        var hint: String?
        switch configuration.authentication {
        case let .privateKey(path, passphraseReference):
            method = "private key \(path)"
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw TransportError.authenticationFailed(host: configuration.host, user: user, method: method,
                                                          code: LIBSSH2_ERROR_FILE, message: "key file is missing or unreadable", hint: nil)
            }
            let passphrase = try Self.secret(passphraseReference) ?? ""
            rc = libssh2_userauth_publickey_fromfile_ex(session, user, userLength, nil, path, passphrase)
            if rc == LIBSSH2_ERROR_FILE || rc == LIBSSH2_ERROR_KEYFILE_AUTH_FAILED {
                hint = passphraseReference == nil
                    ? "The key could not be read; if it is encrypted, configure its passphrase."
                    : "The key could not be read or decrypted; check the passphrase in \(passphraseReference!)."
            } else if PrivateKeyFile.algorithm(ofKeyAt: path) == .rsa {
                hint = "This is an RSA key: libssh2 1.10 can sign only with SHA-1 \"ssh-rsa\", which OpenSSH 8.8 and later refuse unless the server sets PubkeyAcceptedAlgorithms +ssh-rsa. Use an ed25519 or ECDSA key."
            }
        case let .password(reference):
            method = "password"
            let password = try Self.secret(reference) ?? ""
            rc = libssh2_userauth_password_ex(session, user, userLength, password, UInt32(password.utf8.count), nil)
        }
        guard rc != 0 else { return }
        let (code, message) = lastError(session)
        if isConnectionLevel(code) {
            throw TransportError.connectionLost(host: configuration.host, operation: "authentication", code: code, message: message)
        }
        throw TransportError.authenticationFailed(host: configuration.host, user: user, method: method,
                                                  code: code, message: message, hint: hint)
    }

    // MARK: Operations

    func list(_ folder: String) throws -> [RemoteFile] {
        guard let handle = libssh2_sftp_open_ex(sftp, folder, UInt32(folder.utf8.count), 0, 0, LIBSSH2_SFTP_OPENDIR) else {
            throw failure("list", folder)
        }
        defer { closeHandle(handle) }
        // Far longer than any real name, so that a hostile overlong name is reported by
        // FileNameSafety instead of aborting the whole listing with "buffer too small".
        let nameBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: 65536)
        defer { nameBuffer.deallocate() }
        var files: [RemoteFile] = []
        while true {
            var attributes = LIBSSH2_SFTP_ATTRIBUTES()
            let n = libssh2_sftp_readdir_ex(handle, nameBuffer, 65536, nil, 0, &attributes)
            if n == 0 { break }
            if n < 0 { throw failure("list", folder) }
            let bytes = UnsafeRawBufferPointer(start: nameBuffer, count: Int(n)).map { $0 }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            files.append(RemoteFile(folder: folder, nameBytes: bytes, size: Self.size(attributes),
                                    modified: Self.modified(attributes), kind: Self.kind(attributes)))
        }
        return files
    }

    func stat(_ path: String) throws -> LIBSSH2_SFTP_ATTRIBUTES? {
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        if libssh2_sftp_stat_ex(sftp, path, UInt32(path.utf8.count), LIBSSH2_SFTP_STAT, &attributes) == 0 {
            return attributes
        }
        let error = failure("stat", path)
        if case .notFound = error { return nil }
        throw error
    }

    func exists(_ path: String) throws -> Bool { try stat(path) != nil }

    func size(of path: String) throws -> Int64? { try stat(path).map(Self.size) }

    func download(_ path: String, to localURL: URL, maxBytes: Int64?) throws -> TransferReceipt {
        guard let handle = libssh2_sftp_open_ex(sftp, path, UInt32(path.utf8.count), UInt(LIBSSH2_FXF_READ), 0, LIBSSH2_SFTP_OPENFILE) else {
            throw failure("open", path)
        }
        defer { closeHandle(handle) }
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        if libssh2_sftp_fstat_ex(handle, &attributes, 0) != 0 { throw failure("stat", path) }
        let expected = Self.size(attributes)
        if let maxBytes, expected > maxBytes { throw TransportError.fileTooLarge(path: path, size: expected, limit: maxBytes) }

        let output = try LocalTemporaryFile(beside: localURL, mode: 0o600)
        defer { output.discard() }
        let digest = SHA256Digest()
        var total: Int64 = 0
        while true {
            // Ask for no more than what is left (plus one byte, to see EOF): libssh2 pipelines read
            // requests for the whole buffer, and a small file must not cost dozens of wasted requests.
            let want = Int(min(Int64(bufferSize), max(expected - total, 0) + 1))
            let n = libssh2_sftp_read(handle, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), want)
            if n == 0 { break }
            if n < 0 { throw failure("read", path) }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            total += Int64(n)
            if let maxBytes, total > maxBytes { throw TransportError.fileTooLarge(path: path, size: total, limit: maxBytes) }
            try output.write(chunk)
            digest.update(chunk)
        }
        if total != expected { throw TransportError.changedDuringTransfer(path: path, expectedSize: expected, actualSize: total) }
        try output.commit(to: localURL)
        return TransferReceipt(size: total, sha256: digest.finalize())
    }

    /// What an upload attempt got as far as, so that a retry after a dropped connection can clean up
    /// the previous attempt's temporary and recognise a rename that did happen.
    struct UploadProgress {
        var temporaryPath: String?
        var renameRequested = false
    }

    func upload(_ source: UploadSource, to folder: String, as name: String, fsync: Bool,
                progress: inout UploadProgress) throws -> TransferReceipt {
        let finalPath = joinRemotePath(folder, name)
        let temporaryPath = joinRemotePath(folder, Self.temporaryName(for: name))
        progress.temporaryPath = temporaryPath
        progress.renameRequested = false
        let flags = UInt(LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_TRUNC | LIBSSH2_FXF_EXCL)
        guard let handle = libssh2_sftp_open_ex(sftp, temporaryPath, UInt32(temporaryPath.utf8.count), flags, 0o644, LIBSSH2_SFTP_OPENFILE) else {
            throw failure("create", temporaryPath)
        }
        var handleOpen = true
        var published = false
        defer {
            if handleOpen { closeHandle(handle) }
            if !published && !isBroken { _ = libssh2_sftp_unlink_ex(sftp, temporaryPath, UInt32(temporaryPath.utf8.count)) }
        }

        let digest = SHA256Digest()
        let total = try writePipelined(source, to: handle, path: temporaryPath, digest: digest)
        if fsync, libssh2_sftp_fsync(handle) != 0 {
            let error = failure("fsync", temporaryPath)
            // Servers without the fsync@openssh.com extension still get the file; only the crash guarantee is lost.
            guard case .remote(_, _, _, UInt(LIBSSH2_FX_OP_UNSUPPORTED), _) = error else { throw error }
        }
        handleOpen = false
        if libssh2_sftp_close_handle(handle) != 0 { throw failure("close", temporaryPath) }

        progress.renameRequested = true
        try rename(temporaryPath, to: finalPath)
        published = true
        return TransferReceipt(size: total, sha256: digest.finalize())
    }

    /// Keeps libssh2's write pipeline full. libssh2 turns one write call into many in-flight
    /// requests and returns as soon as the first is acknowledged; the next call must pass the
    /// unacknowledged bytes again, followed by new ones. Refilling before the in-flight bytes run
    /// out avoids draining the pipeline at every buffer boundary (file data goes through a buffer of
    /// twice `bufferSize`, compacted about once per `bufferSize` bytes).
    private func writePipelined(_ source: UploadSource, to handle: OpaquePointer, path: String, digest: SHA256Digest) throws -> Int64 {
        func write(_ bytes: UnsafeRawPointer, _ count: Int) throws -> Int {
            let n = libssh2_sftp_write(handle, bytes.assumingMemoryBound(to: CChar.self), count)
            if n < 0 { throw failure("write", path) }
            return n
        }
        switch source {
        case .bytes(let data):
            return try data.withUnsafeBytes { bytes in
                digest.update(bytes)
                var offset = 0
                while offset < bytes.count {
                    offset += try write(bytes.baseAddress! + offset, min(bytes.count - offset, 2 * bufferSize))
                }
                return Int64(bytes.count)
            }
        case .file(let url):
            let input = Glibc.open(url.path, O_RDONLY | O_CLOEXEC)
            if input < 0 { throw localError("open", url.path) }
            defer { Glibc.close(input) }
            let capacity = 2 * bufferSize
            let ring = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
            defer { ring.deallocate() }
            var start = 0, end = 0, total: Int64 = 0, endOfFile = false
            while true {
                if !endOfFile && end - start < bufferSize {
                    if start > 0 && capacity - end < bufferSize {
                        memmove(ring, ring + start, end - start)
                        end -= start
                        start = 0
                    }
                    while !endOfFile && end < capacity {
                        let n = Glibc.read(input, ring + end, capacity - end)
                        if n < 0 {
                            if errno == EINTR { continue }
                            throw localError("read", url.path)
                        }
                        if n == 0 { endOfFile = true; break }
                        digest.update(UnsafeRawBufferPointer(start: ring + end, count: n))
                        end += n
                        total += Int64(n)
                    }
                }
                if start == end {
                    if endOfFile { return total }
                    continue
                }
                start += try write(ring + start, end - start)
            }
        }
    }

    /// Never overwrites: OpenSSH speaks SFTP v3, where a plain rename onto an existing name fails,
    /// and that failure is what keeps us from replacing a file someone else published.
    func rename(_ sourcePath: String, to destinationPath: String) throws {
        let flags = Int(LIBSSH2_SFTP_RENAME_ATOMIC | LIBSSH2_SFTP_RENAME_NATIVE)
        if libssh2_sftp_rename_ex(sftp, sourcePath, UInt32(sourcePath.utf8.count),
                                  destinationPath, UInt32(destinationPath.utf8.count), flags) == 0 {
            return
        }
        let error = failure("rename to \(destinationPath)", sourcePath)
        guard case .remote = error else { throw error }
        // SFTP v3 reports "file exists" as a generic failure: find out which it was.
        if try exists(destinationPath) { throw TransportError.alreadyExists(host: host, path: destinationPath) }
        if try !exists(sourcePath) { throw TransportError.notFound(host: host, path: sourcePath) }
        throw error
    }

    func delete(_ path: String) throws {
        if libssh2_sftp_unlink_ex(sftp, path, UInt32(path.utf8.count)) != 0 { throw failure("delete", path) }
    }

    func removeQuietly(_ path: String) {
        _ = libssh2_sftp_unlink_ex(sftp, path, UInt32(path.utf8.count))
    }

    // MARK: Errors

    /// Turns the session's last error into a `TransportError`, marking the connection broken unless
    /// the server merely answered with an SFTP status.
    private func failure(_ operation: String, _ path: String) -> TransportError {
        let (code, message) = Self.lastError(session)
        if code == LIBSSH2_ERROR_SFTP_PROTOCOL {
            let status = libssh2_sftp_last_error(sftp)
            switch status {
            case UInt(LIBSSH2_FX_NO_SUCH_FILE), UInt(LIBSSH2_FX_NO_SUCH_PATH):
                return .notFound(host: host, path: path)
            case UInt(LIBSSH2_FX_FILE_ALREADY_EXISTS):
                return .alreadyExists(host: host, path: path)
            default:
                return .remote(host: host, operation: operation, path: path, status: status, statusText: Self.statusText(status))
            }
        }
        isBroken = true
        if Self.isConnectionLevel(code) {
            return .connectionLost(host: host, operation: "\(operation) \(path)", code: code, message: message)
        }
        return .libssh2(host: host, operation: "\(operation) \(path)", code: code, message: message)
    }

    private func closeHandle(_ handle: OpaquePointer) {
        // On a broken session the close request cannot be answered; the handle dies with the session.
        guard !isBroken else { return }
        if libssh2_sftp_close_handle(handle) != 0 {
            _ = failure("close", "handle")
        }
    }

    private static func lastError(_ session: OpaquePointer) -> (Int32, String) {
        var text: UnsafeMutablePointer<CChar>?
        var length: Int32 = 0
        let code = libssh2_session_last_error(session, &text, &length, 0)
        return (code, text.map { String(cString: $0) } ?? "")
    }

    /// Codes after which the session is unusable but a new one may well work.
    private static func isConnectionLevel(_ code: Int32) -> Bool {
        switch code {
        case LIBSSH2_ERROR_SOCKET_NONE, LIBSSH2_ERROR_BANNER_RECV, LIBSSH2_ERROR_BANNER_SEND,
             LIBSSH2_ERROR_SOCKET_SEND, LIBSSH2_ERROR_TIMEOUT, LIBSSH2_ERROR_SOCKET_DISCONNECT,
             LIBSSH2_ERROR_CHANNEL_CLOSED, LIBSSH2_ERROR_CHANNEL_EOF_SENT, LIBSSH2_ERROR_SOCKET_TIMEOUT,
             LIBSSH2_ERROR_SOCKET_RECV, LIBSSH2_ERROR_BAD_SOCKET, LIBSSH2_ERROR_CHANNEL_FAILURE,
             LIBSSH2_ERROR_KEX_FAILURE, LIBSSH2_ERROR_KEY_EXCHANGE_FAILURE, LIBSSH2_ERROR_INVALID_MAC,
             LIBSSH2_ERROR_DECRYPT, LIBSSH2_ERROR_PROTO, LIBSSH2_ERROR_EAGAIN:
            return true
        default:
            return false
        }
    }

    private static func statusText(_ status: UInt) -> String {
        let texts = ["ok", "end of file", "no such file", "permission denied", "failure", "bad message",
                     "no connection", "connection lost", "operation unsupported", "invalid handle",
                     "no such path", "file already exists", "write protected", "no media",
                     "no space on filesystem", "quota exceeded", "unknown principal", "lock conflict",
                     "directory not empty", "not a directory", "invalid file name", "link loop"]
        return status < texts.count ? texts[Int(status)] : "unknown status"
    }

    private static func hostKeyTypeName(_ type: Int32) -> String {
        switch type {
        case LIBSSH2_HOSTKEY_TYPE_RSA: return "ssh-rsa"
        case LIBSSH2_HOSTKEY_TYPE_DSS: return "ssh-dss"
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return "ecdsa-sha2-nistp256"
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return "ecdsa-sha2-nistp384"
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return "ecdsa-sha2-nistp521"
        case LIBSSH2_HOSTKEY_TYPE_ED25519: return "ssh-ed25519"
        default: return "unknown key type \(type)"
        }
    }

    // MARK: Attributes

    private static func size(_ a: LIBSSH2_SFTP_ATTRIBUTES) -> Int64 {
        a.flags & UInt(LIBSSH2_SFTP_ATTR_SIZE) != 0 ? Int64(clamping: a.filesize) : 0
    }

    private static func modified(_ a: LIBSSH2_SFTP_ATTRIBUTES) -> Int64 {
        a.flags & UInt(LIBSSH2_SFTP_ATTR_ACMODTIME) != 0 ? Int64(a.mtime) : 0
    }

    private static func kind(_ a: LIBSSH2_SFTP_ATTRIBUTES) -> RemoteFile.Kind {
        guard a.flags & UInt(LIBSSH2_SFTP_ATTR_PERMISSIONS) != 0 else { return .other }
        switch a.permissions & UInt(LIBSSH2_SFTP_S_IFMT) {
        case UInt(LIBSSH2_SFTP_S_IFREG): return .regularFile
        case UInt(LIBSSH2_SFTP_S_IFDIR): return .directory
        case UInt(LIBSSH2_SFTP_S_IFLNK): return .symbolicLink
        default: return .other
        }
    }

    /// Hidden (leading dot) so partners' pickup rules and `ls` skip it, unique so that two uploads of
    /// the same name never share one, and short enough to stay within 255 bytes.
    static func temporaryName(for name: String) -> String {
        let unique = hex((0..<8).map { _ in UInt8.random(in: 0...255) })
        let base = name.utf8.count <= 200 ? name : "upload"
        return ".\(base).\(unique).tmp"
    }
}

private func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
}

extension SFTPConnection {
    /// Resolves a secret reference, reporting a problem as the transport's own error.
    static func secret(_ reference: SecretReference?) throws(TransportError) -> String? {
        guard let reference else { return nil }
        do {
            return try reference.resolve()
        } catch {
            throw .secretUnavailable(reference: error.reference, reason: error.reason)
        }
    }
}
