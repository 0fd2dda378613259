import Foundation

/// Opens the TCP connection libssh2 runs over (libssh2 does not open sockets itself). The connect is
/// non-blocking with `poll`, because a blocking connect to a host that drops SYNs would hang for
/// minutes regardless of any libssh2 timeout.
enum TCPConnector {
    static func connect(host: String, port: Int, timeout: Duration) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw TransportError.connectFailed(host: host, port: port, reason: "cannot resolve: \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }

        var reasons: [String] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            if fd < 0 { reasons.append(errnoText()); continue }
            if let failure = connect(fd, to: address.pointee, timeout: timeout) {
                close(fd)
                reasons.append(failure)
                continue
            }
            var on: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            return fd
        }
        throw TransportError.connectFailed(host: host, port: port, reason: reasons.joined(separator: "; "))
    }

    /// nil on success, else why not.
    private static func connect(_ fd: Int32, to address: addrinfo, timeout: Duration) -> String? {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        if Glibc.connect(fd, address.ai_addr, address.ai_addrlen) != 0 {
            guard errno == EINPROGRESS else { return errnoText() }
            var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
            var ready: Int32
            repeat { ready = poll(&pfd, 1, milliseconds) } while ready < 0 && errno == EINTR
            if ready == 0 { return "connect timed out after \(timeout)" }
            if ready < 0 { return errnoText() }
            var soError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
            if soError != 0 { return String(cString: strerror(soError)) }
        }
        // libssh2 runs this socket in blocking mode, bounded by libssh2_session_set_timeout.
        _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        return nil
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
