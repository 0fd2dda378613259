import Foundation

/// A throw-away PostgreSQL server for the tests: its own data folder under /tmp, on loopback
/// on a free port, run as an unprivileged user (`nobody` when the tests run as root, since
/// PostgreSQL refuses to run as root), with trust authentication for user `edigate`.
///
/// Started on first use and stopped when the test process exits; `fsync` is off (the tests
/// check behaviour, not durability across power loss; the benchmark runs a server with defaults).
public final class PostgresTestServer: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    let binaries: URL
    private let lock = NSLock()
    private var databases: Set<String> = []

    /// The one server of this test process.
    public static let shared: PostgresTestServer = {
        do {
            let server = try PostgresTestServer.start()
            atexit { PostgresTestServer.shared.stop() }
            return server
        } catch {
            fatalError("cannot start the test PostgreSQL server: \(error)")
        }
    }()

    private init(port: Int, folder: URL, binaries: URL) {
        self.port = port
        self.folder = folder
        self.binaries = binaries
    }

    /// `postgres://edigate@127.0.0.1:PORT/NAME`, the database created on first call.
    public func location(database name: String) throws -> String {
        let created = lock.withLock { databases.insert(name).inserted }
        if created { try psql("CREATE DATABASE \"\(name)\"") }
        return "postgres://edigate@127.0.0.1:\(port)/\(name)"
    }

    /// Runs one statement as the superuser on the `postgres` database.
    public func psql(_ statement: String, database: String = "postgres") throws {
        try Self.run(binaries.appendingPathComponent("psql").path,
                     ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "\(port)", "-U", "edigate", "-d", database, "-c", statement],
                     asServerUser: false)
    }

    public func stop() {
        _ = try? Self.run(binaries.appendingPathComponent("pg_ctl").path,
                          ["-D", folder.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"], asServerUser: true)
        try? FileManager.default.removeItem(at: folder)
    }

    static func start() throws -> PostgresTestServer {
        let binaries = try findBinaries()
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("edigate-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if getuid() == 0 { try run("/bin/chown", ["nobody:nogroup", folder.path], asServerUser: false) }
        let data = folder.appendingPathComponent("data").path
        try run(binaries.appendingPathComponent("initdb").path,
                ["-D", data, "-U", "edigate", "-A", "trust", "--locale=C", "-E", "UTF8", "--no-sync"], asServerUser: true)
        var lastError: (any Error)?
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...60_000)
            let options = "-p \(port) -c listen_addresses=127.0.0.1 -k \(folder.path) -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
            do {
                try run(binaries.appendingPathComponent("pg_ctl").path,
                        ["-D", data, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60", "-o", options, "start"], asServerUser: true)
                try watch(data: data, folder: folder, binaries: binaries)
                return PostgresTestServer(port: port, folder: folder, binaries: binaries)
            } catch {
                lastError = error
            }
        }
        throw lastError!
    }

    /// Stops the server when this process is gone, however it ended (a crash skips `atexit`):
    /// the tests never leave a server running.
    static func watch(data: String, folder: URL, binaries: URL) throws {
        let stop = getuid() == 0 ? "/usr/bin/setpriv --reuid=nobody --regid=nogroup --clear-groups -- " : ""
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop)\(binaries.path)/pg_ctl -D '\(data)' -m immediate stop; rm -rf '\(folder.path)'"
        try run("/usr/bin/setsid", ["-f", "/bin/sh", "-c", script], asServerUser: false)
    }

    static func findBinaries() throws -> URL {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let bin = root.appendingPathComponent(version).appendingPathComponent("bin")
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
        }
        throw HarnessError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); `make test` installs Debian's postgresql")
    }

    /// Runs a program to its end and returns its output. posix_spawn and waitpid rather than
    /// Foundation's Process: `pg_ctl start` leaves a server behind that inherits the process's
    /// descriptors, and Process then never sees `pg_ctl` end.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], asServerUser: Bool) throws -> String {
        var argv = [executable] + arguments
        if asServerUser && getuid() == 0 {
            argv = ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"] + argv
        }
        let outputPath = NSTemporaryDirectory() + "edigate-pg-output-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw HarnessError("cannot run \(argv[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED and WEXITSTATUS, spelled out: the C macros are not imported.
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            throw HarnessError("\(argv.joined(separator: " ")) ended with status \(status): \(text)")
        }
        return text
    }
}

public struct HarnessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
