import Foundation

/// The private folder downloads are staged in before they are recorded: created owner-only,
/// and refused when it is a symbolic link, not a directory, or someone else's — a shared,
/// world-writable location would let another local user plant a link and have the gateway
/// replace and delete a file of theirs.
public enum StagingDirectory {
    /// Creates the folder (and missing parents) with mode 0700, or checks an existing one;
    /// an existing folder of ours that others can read or write is narrowed to 0700.
    public static func prepare(_ url: URL) throws {
        let path = url.path
        var info = stat()
        if lstat(path, &info) != 0 {
            guard errno == ENOENT else { throw localError("stat", path) }
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            guard lstat(path, &info) == 0 else { throw localError("stat", path) }
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            let what = (info.st_mode & S_IFMT) == S_IFLNK ? "a symbolic link" : "not a directory"
            throw TransportError.local(operation: "staging folder", path: path, errno: ENOTDIR, message: "\(what); the staging folder must be a private directory")
        }
        guard info.st_uid == geteuid() else {
            throw TransportError.local(operation: "staging folder", path: path, errno: EPERM, message: "owned by uid \(info.st_uid), not by this process (uid \(geteuid()))")
        }
        if info.st_mode & 0o077 != 0, chmod(path, 0o700) != 0 { throw localError("chmod 0700", path) }
    }
}
