import Foundation

/// Reads whole text files; nil when the file is missing or unreadable.
enum FileText {
    static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
