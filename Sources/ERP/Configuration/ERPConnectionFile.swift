import Foundation
import Secrets
import Yams

/// An `ERPConnection` read from YAML (`edigate gateway poll --erp-config FILE`), in the shape
/// docs/erp.md documents.
///
/// The file is either the connection itself (`baseURL: …` at the top level) or has it under
/// `erp:` — so the same block can sit in a larger configuration file, whose other top-level
/// keys are left to their owners. Keys inside the block are checked: an unknown one is
/// refused with its line, as is every value `ERPConnection.validate()` refuses (including
/// credentials over plain http to a host that is not loopback). Secrets stay references
/// (`clientSecret: env:NAME` or `file:PATH`) and are read when a token is fetched.
public enum ERPConnectionFile {
    /// Reads and checks `path`. Also checks that the TLS files it names can be read (relative
    /// paths are taken from the current directory, as the client does), so a wrong path is
    /// reported at its line rather than when the client starts.
    public static func load(path: String) throws(ERPConnectionFileError) -> ERPConnection {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ERPConnectionFileError(file: path, line: 0, field: nil, message: "cannot read: no such file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw ERPConnectionFileError(file: path, line: 0, field: nil, message: isDirectory.boolValue ? "cannot read: is a directory" : "cannot read: not readable")
        }
        let parsed = try read(text: String(decoding: data, as: UTF8.self), file: path)
        let connection = parsed.connection
        for (field, file) in [("tlsCertificatePath", connection.tlsCertificatePath), ("tlsKeyPath", connection.tlsKeyPath), ("tlsCAPath", connection.tlsCAPath)] {
            guard let file else { continue }
            var fileIsDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: file, isDirectory: &fileIsDirectory) || fileIsDirectory.boolValue || !FileManager.default.isReadableFile(atPath: file) {
                throw parsed.error(field: field, message: "cannot read '\(file)': no such file or not readable (a PEM file is expected)")
            }
        }
        return connection
    }

    /// Decodes and validates YAML text; `file` names it in errors. Touches no files.
    public static func parse(text: String, file: String) throws(ERPConnectionFileError) -> ERPConnection {
        try read(text: text, file: file).connection
    }

    // MARK: - Reading

    /// The decoded connection and where its block is, for errors found after decoding.
    struct Parsed {
        var connection: ERPConnection
        var file: String
        /// `erp.` when the block is nested under `erp:`.
        var prefix: String
        /// The line of `erp:`, or of the first key of a bare block.
        var blockLine: Int
        /// Connection field → line of its value.
        var lines: [String: Int]

        func error(field: String?, message: String) -> ERPConnectionFileError {
            ERPConnectionFileError(file: file, line: field.flatMap { lines[$0] } ?? blockLine, field: field.map { prefix + $0 }, message: message)
        }
    }

    static let blockHint = "the ERP connection (baseURL, tokenURL, clientId, clientSecret, …), or an erp: block holding it"

    static func read(text: String, file: String) throws(ERPConnectionFileError) -> Parsed {
        func failure(_ node: Node?, _ field: String?, _ message: String) -> ERPConnectionFileError {
            ERPConnectionFileError(file: file, line: node?.mark?.line ?? 1, field: field, message: message)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ERPConnectionFileError(file: file, line: 0, field: nil, message: "YAML syntax: \(error)")
        }
        guard let root, case .mapping(let top) = root else {
            throw failure(root, nil, "expected \(blockHint)")
        }

        var block = root
        var prefix = ""
        var blockLine = root.mark?.line ?? 1
        if let erp = top.first(where: { $0.key.string == "erp" }) {
            // A connection field beside erp: would be silently ignored; say where it belongs.
            if let stray = top.first(where: { $0.key.string != "erp" && ERPConnection.fieldNames.contains($0.key.string ?? "") }) {
                throw failure(stray.key, stray.key.string, "belongs inside the erp: block (a file with erp: takes the connection from that block only)")
            }
            guard case .mapping = erp.value else {
                throw failure(erp.key, "erp", "expected the connection under erp:, one key per line, indented (baseURL, tokenURL, …)")
            }
            block = erp.value
            prefix = "erp."
            blockLine = erp.key.mark?.line ?? 1
        }
        guard case .mapping(let entries) = block else { throw failure(block, nil, "expected \(blockHint)") }

        var lines: [String: Int] = [:]
        for (key, value) in entries {
            let name = key.string ?? ""
            guard ERPConnection.fieldNames.contains(name) else {
                let nearly = ERPConnection.fieldNames.first { $0.lowercased() == name.lowercased() }
                let message = nearly.map { "unknown key; did you mean \($0)? (keys are case-sensitive)" }
                    ?? "unknown key (expected one of: \(ERPConnection.fieldNames.joined(separator: ", ")))"
                throw failure(key, prefix + name, message)
            }
            lines[name] = value.mark?.line ?? key.mark?.line ?? blockLine
        }

        var parsed = Parsed(connection: ERPConnection(baseURL: ""), file: file, prefix: prefix, blockLine: blockLine, lines: lines)
        do {
            parsed.connection = try YAMLDecoder().decode(ERPConnection.self, from: block)
        } catch let error as DecodingError {
            throw describe(error, parsed)
        } catch is SecretReferenceError {
            // The only reference in the block; never echo the value, it may be the secret itself.
            throw parsed.error(field: "clientSecret", message: "secrets go by reference only (env:NAME or file:PATH), never inline")
        } catch {
            throw parsed.error(field: nil, message: "\(error)")
        }
        do {
            try parsed.connection.validate()
        } catch {
            throw parsed.error(field: error.field, message: error.reason)
        }
        return parsed
    }

    static func describe(_ error: DecodingError, _ parsed: Parsed) -> ERPConnectionFileError {
        func field(_ context: DecodingError.Context) -> String? {
            context.codingPath.first.map(\.stringValue)
        }
        func expected(_ type: Any.Type) -> String {
            switch type {
            case is Int.Type: "a whole number"
            case is Double.Type: "a number"
            case is String.Type: "a single value"
            default: "\(type)"
            }
        }
        switch error {
        case .keyNotFound(let key, _):
            let example = key.stringValue == "baseURL" ? " (the ERP's base URL, e.g. https://erp.example.com/edi)" : ""
            return parsed.error(field: key.stringValue, message: "required\(example)")
        case .typeMismatch(let type, let context):
            return parsed.error(field: field(context), message: "expected \(expected(type))")
        case .valueNotFound(let type, let context):
            return parsed.error(field: field(context), message: "expected \(expected(type)), found nothing")
        case .dataCorrupted(let context):
            return parsed.error(field: field(context), message: context.debugDescription)
        @unknown default:
            return parsed.error(field: nil, message: "\(error)")
        }
    }

    static func syntaxError(_ error: YamlError, file: String) -> ERPConnectionFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return ERPConnectionFileError(file: file, line: mark.line, field: nil, message: "YAML syntax: \(problem)\(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ERPConnectionFileError(file: file, line: context.mark.line, field: nil, message: "YAML syntax: duplicated key(s) \(duplicates.joined(separator: ", "))")
        default:
            return ERPConnectionFileError(file: file, line: 0, field: nil, message: "YAML syntax: \(error)")
        }
    }
}
