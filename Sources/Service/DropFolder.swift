import Foundation
import Gateway
import Logging
import Store

/// The drop-folder alternative to the HTTP API, for ERPs that export files:
/// `<drop>/<partner>/shipments/*.json` and `<drop>/<partner>/invoices/*.json`. Each file is
/// handled like a POST; it then moves to `done/` (sent or already sent) or `refused/` beside it,
/// with `<name>.result.json` holding the answer. A file whose answer is "try later" (5xx) stays.
struct DropFolder: Sendable {
    let root: String
    let events: ERPEventHandler
    let logger: Logger

    /// One pass over every partner's folders; returns how many files were handled.
    @discardableResult
    func scan() async throws -> Int {
        let fileManager = FileManager.default
        guard let partners = try? fileManager.contentsOfDirectory(atPath: root) else { return 0 }
        var handled = 0
        for partner in partners.sorted() where !partner.hasPrefix(".") {
            for kind in [ERPEventHandler.Kind.shipments, .invoices] {
                let folder = "\(root)/\(partner)/\(kind.rawValue)"
                guard let names = try? fileManager.contentsOfDirectory(atPath: folder) else { continue }
                for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
                    let path = "\(folder)/\(name)"
                    let size = (try? fileManager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                    let answer: ERPEventHandler.Answer
                    if size > ERPEventHandler.maxBodyBytes {
                        answer = events.problem(413, "File too large", "at most \(ERPEventHandler.maxBodyBytes) bytes")
                    } else {
                        guard let data = fileManager.contents(atPath: path) else { continue }
                        answer = await events.handle(kind, partner: partner, body: Array(data), caller: "drop-folder")
                    }
                    guard answer.status < 500 else {
                        logger.warning("drop-folder file kept for the next pass", metadata: ["file": "\(path)", "status": "\(answer.status)"])
                        continue
                    }
                    let target = "\(folder)/\(answer.isProblem ? "refused" : "done")"
                    try fileManager.createDirectory(atPath: target, withIntermediateDirectories: true)
                    try answer.body.write(to: URL(fileURLWithPath: "\(target)/\(name).result.json"))
                    _ = try? fileManager.removeItem(atPath: "\(target)/\(name)")
                    try fileManager.moveItem(atPath: path, toPath: "\(target)/\(name)")
                    handled += 1
                }
            }
        }
        return handled
    }
}
