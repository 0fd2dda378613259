import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Free space where the store writes. A gateway whose disk is nearly full stops taking new
/// files (they stay on the partner's server, nothing half-recorded) and says why, instead of
/// failing in the middle of every step; it resumes by itself once space returns.
public enum DiskSpace {
    /// Bytes an unprivileged process may still write on the file system holding `path` (the
    /// nearest existing ancestor when `path` does not exist yet); nil when it cannot be asked.
    public static func available(at path: String) -> Int64? {
        var candidate = path
        while !candidate.isEmpty {
            var info = statvfs()
            if statvfs(candidate, &info) == 0 { return Int64(info.f_bavail) * Int64(info.f_frsize) }
            guard errno == ENOENT else { return nil }
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate { return nil }
            candidate = parent.isEmpty ? "." : parent
        }
        return nil
    }
}
