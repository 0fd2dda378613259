import ERP
import Foundation
import Mapping
import Transport
import X12
import Yams
import Secrets

/// Reads `Partners/<id>.yaml`: decodes it, then checks what decoding cannot (identities,
/// delimiters against the version, secrets by reference, the host-key pin …). Every problem
/// is reported with its line.
public enum PartnerProfileLoader {
    /// Allowed keys by path (`*` stands for any key of a free-form mapping).
    static let keys: [String: [String]] = [
        "": ["id", "name", "interchange", "documents", "acknowledgments", "transport", "erp", "validation", "processing", "inventory", "catalog"],
        "catalog": ["intervalMinutes", "deltas", "items"],
        "catalog.items[]": ["vendorPartNumber", "gtin", "buyerPartNumber", "uom", "pack"],
        "inventory": ["warehouses", "intervalMinutes", "deltas", "onHand", "items"],
        "inventory.items[]": ["vendorPartNumber", "gtin", "buyerPartNumber", "uom", "pack"],
        "processing": ["maxInterruptions", "heldRetryDelaysSeconds", "duplicateWindowDays", "maxOrdersPerFile", "maxSetsPerInterchange"],
        "interchange": ["partner", "us", "version", "usage", "delimiters", "reading", "delimiterInText"],
        "interchange.partner": ["qualifier", "id", "groupID"],
        "interchange.us": ["qualifier", "id", "groupID"],
        "interchange.delimiters": ["element", "component", "repetition", "segment", "lineBreak"],
        "documents": ["receive", "send"],
        "acknowledgments": ["send", "expect", "ta1", "requestTA1", "expectWithinMinutes", "sendWithinMinutes"],
        "transport": ["sftp", "local", "inbound", "outbound", "archive", "pollIntervalSeconds", "pickup"],
        "transport.sftp": ["host", "port", "user", "privateKey", "passphrase", "password", "hostKey", "hostKeyType", "connectTimeoutSeconds", "stepTimeoutSeconds"],
        "transport.local": ["root"],
        "transport.pickup": ["doneMarker", "maxFileSizeMB"],
        "erp": ["customer", "shipTo"],
        "validation": ValidationPolicy.CodingKeys.allCases.map(\.rawValue),
    ]

    public static let supportedVersions = ["004010", "005010"]
    /// Sets a partner may send us: those the pipeline processes (anything else is refused in
    /// the 997 rather than accepted and left undone).
    public static let receivedSets = ["850", "860", "816"]
    /// Sets we may send a partner (`edigate generate`, `gateway send`, the outbox).
    public static let sentSets = ["855", "856", "810", "865", "846", "832"]

    public static func load(path: String) throws(ProfileErrors) -> PartnerProfile {
        guard let data = FileManager.default.contents(atPath: path) else { throw ProfileErrors([.unreadable(file: path, reason: "no such file or not readable")]) }
        return try parse(text: String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(text: String, file: String) throws(ProfileErrors) -> PartnerProfile {
        let tree: YAMLTree
        do { tree = try YAMLTree(file: file, text: text) } catch {
            throw ProfileErrors([.syntax(error.location, message: error.message)])
        }
        guard let root = tree.root, case .mapping = root else {
            throw ProfileErrors([.invalid(SourceLocation(file: file, line: 1), field: "profile", message: "expected a mapping of sections (id, interchange, documents …)")])
        }
        var errors: [ProfileError] = []
        checkKeys(root, path: "", tree: tree, errors: &errors)
        var profile: PartnerProfile
        do {
            profile = try YAMLDecoder().decode(PartnerProfile.self, from: root)
            profile.erp.shipTo = erpShipTo(root, tree: tree, errors: &errors)
        } catch let error as DecodingError {
            errors.append(describe(error, tree: tree, root: root))
            throw ProfileErrors(errors)
        } catch {
            errors.append(.invalid(SourceLocation(file: file, line: 0), field: "profile", message: "\(error)"))
            throw ProfileErrors(errors)
        }
        errors += check(profile, tree: tree, root: root)
        if !errors.isEmpty { throw ProfileErrors(errors) }
        return profile
    }

    /// `erp.shipTo` straight from the nodes: location codes are often digits with leading zeros.
    static func erpShipTo(_ root: Node, tree: YAMLTree, errors: inout [ProfileError]) -> [String: String] {
        let found = node(at: ["erp", "shipTo"], in: root)
        guard found.depth == 2 else { return [:] }
        guard case .mapping(let mapping) = found.node else {
            errors.append(.invalid(tree.location(found.node), field: "erp.shipTo", message: "expected partner location code: ERP ship-to id lines"))
            return [:]
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard let code = key.string, let id = value.string else {
                errors.append(.invalid(tree.location(key), field: "erp.shipTo", message: "expected partner location code: ERP ship-to id"))
                continue
            }
            result[code] = id
        }
        return result
    }

    // MARK: - Lines

    static func node(at path: [String], in root: Node) -> (node: Node, depth: Int) {
        var current = root
        var depth = 0
        for key in path {
            if case .mapping(let m) = current, let next = m[key] {
                current = next
            } else if case .sequence(let s) = current, let i = Int(key), i < s.count {
                current = s[i]
            } else {
                break
            }
            depth += 1
        }
        return (current, depth)
    }

    static func location(_ path: String, tree: YAMLTree, root: Node) -> SourceLocation {
        tree.location(node(at: path.split(separator: ".").map(String.init), in: root).node)
    }

    /// The key's own line for a mapping value (the value of a block mapping starts on the next line).
    static func keyLocation(_ path: String, tree: YAMLTree, root: Node) -> SourceLocation {
        var parts = path.split(separator: ".").map(String.init)
        guard let last = parts.popLast() else { return tree.location(root) }
        let parent = node(at: parts, in: root)
        if parent.depth == parts.count, case .mapping(let m) = parent.node, let key = m.keys.first(where: { $0.string == last }) {
            return tree.location(key)
        }
        return tree.location(parent.node)
    }

    static func checkKeys(_ node: Node, path: String, tree: YAMLTree, errors: inout [ProfileError]) {
        if case .sequence(let items) = node, keys[path + "[]"] != nil {
            for item in items { checkKeys(item, path: path + "[]", tree: tree, errors: &errors) }
            return
        }
        guard case .mapping(let mapping) = node, let allowed = keys[path] else { return }
        for (key, value) in mapping {
            let name = key.string ?? ""
            let child = path.isEmpty ? name : "\(path).\(name)"
            if !allowed.contains(name) {
                errors.append(.unknownKey(tree.location(key), field: child.replacingOccurrences(of: "[]", with: ""), allowed: allowed))
                continue
            }
            checkKeys(value, path: child, tree: tree, errors: &errors)
        }
    }

    static func describe(_ error: DecodingError, tree: YAMLTree, root: Node) -> ProfileError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let container = path(context.codingPath)
            let field = container.isEmpty ? key.stringValue : "\(container).\(key.stringValue)"
            let location = container.isEmpty ? SourceLocation(file: tree.file, line: 1) : keyLocation(container, tree: tree, root: root)
            return .missing(location, field: field)
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return .invalid(keyLocation(field, tree: tree, root: root), field: field, message: "expected \(Self.describe(type))")
        case .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return .missing(keyLocation(field, tree: tree, root: root), field: field)
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            let value = location(field, tree: tree, root: root)
            let text = node(at: field.split(separator: ".").map(String.init), in: root).node.string ?? ""
            return .invalid(value, field: field, message: "'\(text)' is not valid here\(allowedValues(field).map { " (expected one of: \($0))" } ?? "")")
        @unknown default:
            return .invalid(SourceLocation(file: tree.file, line: 0), field: "profile", message: "\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "a whole number"
        case is Bool.Type: return "true or false"
        case is Decimal.Type: return "a number"
        case is String.Type: return "a single value"
        default: return "a different kind of value (\(type))"
        }
    }

    static func allowedValues(_ field: String) -> String? {
        switch field.split(separator: ".").last.map(String.init) ?? "" {
        case "onPriceMismatch": return ValidationPolicy.PriceMismatchAction.allCases.map(\.rawValue).joined(separator: ", ")
        case "onShortage": return ValidationPolicy.ShortageAction.allCases.map(\.rawValue).joined(separator: ", ")
        case "onUnknownItem", "onUnknownUOM": return ValidationPolicy.LineRejectAction.allCases.map(\.rawValue).joined(separator: ", ")
        case "onCreditHold", "onOverLimit", "onUnknownShipTo", "onCurrencyMismatch": return ValidationPolicy.AccountAction.allCases.map(\.rawValue).joined(separator: ", ")
        case "send", "expect": return field.hasPrefix("acknowledgments") ? "997, 999, none" : nil
        case "ta1": return "always, onError, never"
        case "reading": return "tolerant, strict"
        case "delimiterInText": return DelimiterInText.allCases.map(\.rawValue).joined(separator: ", ")
        default: return nil
        }
    }

    // MARK: - What decoding cannot check

    static func check(_ p: PartnerProfile, tree: YAMLTree, root: Node) -> [ProfileError] {
        var errors: [ProfileError] = []
        func at(_ field: String) -> SourceLocation { location(field, tree: tree, root: root) }
        func invalid(_ field: String, _ message: String) { errors.append(.invalid(at(field), field: field, message: message)) }

        let fileName = URL(fileURLWithPath: tree.file).deletingPathExtension().lastPathComponent
        if p.id != fileName { invalid("id", "'\(p.id)' must match the file name '\(fileName)'") }
        if p.id.isEmpty || !p.id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) || p.id.first == "-" {
            invalid("id", "'\(p.id)' must be letters, digits, - and _ (it names the Maps/<id>/ folder)")
        }
        for side in ["partner", "us"] {
            let identity = side == "partner" ? p.interchange.partner : p.interchange.us
            let base = "interchange.\(side)"
            if identity.qualifier.count != 2 { invalid("\(base).qualifier", "'\(identity.qualifier)' must be 2 characters (ISA05/ISA07, e.g. ZZ, 01, 12)") }
            if identity.id.isEmpty || identity.id.count > 15 { invalid("\(base).id", "'\(identity.id)' must be 1 to 15 characters (ISA06/ISA08)") }
            if identity.groupID.count < 2 || identity.groupID.count > 15 { invalid("\(base).groupID", "'\(identity.groupID)' must be 2 to 15 characters (GS02/GS03)") }
        }
        let version = p.interchange.version
        if !supportedVersions.contains(version) { invalid("interchange.version", "'\(version)' is not one of \(supportedVersions.joined(separator: ", "))") }
        if !["P", "T"].contains(p.interchange.usage) { invalid("interchange.usage", "'\(p.interchange.usage)' must be P (production) or T (test)") }
        let d = p.interchange.delimiters
        if let delimiters = d.delimiters {
            if let conflict = delimiters.conflict { invalid("interchange.delimiters", conflict) }
            if version >= "005010", d.repetition == nil { invalid("interchange.delimiters", "version \(version) needs a repetition separator (ISA11)") }
            if version < "004030", d.repetition != nil { invalid("interchange.delimiters.repetition", "version \(version) has no repetition separator (ISA11 is U); remove it") }
            if delimiters.lineBreak.contains(where: { delimiters.reservedBytes.contains($0) }) { invalid("interchange.delimiters.lineBreak", "must not contain a delimiter") }
        } else {
            invalid("interchange.delimiters", "element, component and repetition must be one character each, segment at least one")
        }
        for (field, sets, known) in [("documents.receive", p.documents.receive, receivedSets), ("documents.send", p.documents.send, sentSets)] {
            for set in sets where !known.contains(set) { invalid(field, "'\(set)' is not one of \(known.joined(separator: ", "))") }
        }
        if p.documents.receive.isEmpty, p.documents.send.isEmpty { invalid("documents", "the partner exchanges no documents") }
        for field in ["send", "expect"] {
            let kind = field == "send" ? p.acknowledgments.send : p.acknowledgments.expect
            if kind == .implementation999, version < "005010" { invalid("acknowledgments.\(field)", "999 exists from 005010 on; version \(version) uses 997") }
        }
        if p.acknowledgments.expectWithinMinutes <= 0 { invalid("acknowledgments.expectWithinMinutes", "must be positive") }
        if p.acknowledgments.sendWithinMinutes <= 0 { invalid("acknowledgments.sendWithinMinutes", "must be positive") }

        let t = p.transport
        switch (t.sftp, t.local) {
        case (nil, nil): errors.append(.missing(keyLocation("transport", tree: tree, root: root), field: "transport.sftp or transport.local"))
        case (_?, _?): invalid("transport", "give either sftp or local, not both")
        case (let sftp?, nil):
            if sftp.host.isEmpty { invalid("transport.sftp.host", "must not be empty") }
            if !(1...65535).contains(sftp.port) { invalid("transport.sftp.port", "\(sftp.port) is not a TCP port") }
            if sftp.user.isEmpty { invalid("transport.sftp.user", "must not be empty") }
            for field in ["passphrase", "password"] {
                guard let value = field == "passphrase" ? sftp.passphrase : sftp.password else { continue }
                if (try? SecretReference(parsing: value)) == nil { errors.append(.inlineSecret(at("transport.sftp.\(field)"), field: "transport.sftp.\(field)")) }
            }
            if sftp.privateKey == nil, sftp.password == nil { invalid("transport.sftp", "needs privateKey (a key file path) or password (env:NAME or file:PATH)") }
            if let key = sftp.privateKey, key.contains("PRIVATE KEY") { errors.append(.inlineSecret(at("transport.sftp.privateKey"), field: "transport.sftp.privateKey")) }
            if !isSHA256Fingerprint(sftp.hostKey) { invalid("transport.sftp.hostKey", "'\(sftp.hostKey)' is not a SHA256 fingerprint like SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s (ssh-keygen -l -E sha256 -f KEY)") }
            if sftp.connectTimeoutSeconds <= 0 { invalid("transport.sftp.connectTimeoutSeconds", "must be positive") }
            if sftp.stepTimeoutSeconds <= 0 { invalid("transport.sftp.stepTimeoutSeconds", "must be positive") }
        case (nil, let local?):
            if local.root.isEmpty { invalid("transport.local.root", "must not be empty") }
        }
        for field in ["inbound", "outbound"] where (field == "inbound" ? t.inbound : t.outbound).isEmpty { invalid("transport.\(field)", "must not be empty") }
        if t.inbound == t.outbound { invalid("transport.outbound", "must differ from inbound, or we would pick up our own files") }
        if let archive = t.archive, archive == t.inbound { invalid("transport.archive", "must differ from inbound") }
        if t.pollIntervalSeconds <= 0 { invalid("transport.pollIntervalSeconds", "must be positive") }
        if let marker = t.pickup.doneMarker, marker.isEmpty || marker.contains("/") { invalid("transport.pickup.doneMarker", "'\(marker)' must be a suffix like .done") }
        if t.pickup.maxFileSizeMB <= 0 { invalid("transport.pickup.maxFileSizeMB", "must be positive") }
        // The store keeps a file's bytes in one SQLite value, and the pipeline reads a file whole:
        // beyond this a file could not be recorded (and would be offered again at every poll).
        if t.pickup.maxFileSizeMB > TransportSettings.Pickup.largestMB {
            invalid("transport.pickup.maxFileSizeMB", "at most \(TransportSettings.Pickup.largestMB)")
        }

        if p.erp.customer.isEmpty { invalid("erp.customer", "must name the ERP customer") }
        if let inventory = p.inventory {
            if !p.documents.send.contains("846") { invalid("inventory", "the partner is not sent 846s (documents.send)") }
            if inventory.warehouses.isEmpty || inventory.warehouses.contains(where: \.isEmpty) { invalid("inventory.warehouses", "must name at least one ERP warehouse") }
            if inventory.intervalMinutes < 0 { invalid("inventory.intervalMinutes", "must be 0 (events only) or more") }
            if inventory.items.isEmpty { invalid("inventory.items", "must list at least one item") }
            var keys: Set<String> = []
            for item in inventory.items {
                if item.vendorPartNumber == nil, item.gtin == nil { invalid("inventory.items", "each item needs vendorPartNumber or gtin (how the ERP knows it)") }
                if item.uom.isEmpty { invalid("inventory.items", "each item needs its uom") }
                if !keys.insert(item.key).inserted { invalid("inventory.items", "'\(item.key)' is listed twice") }
            }
            if inventory.items.count > 100_000 { invalid("inventory.items", "at most 100000 items") }
        }
        if let catalog = p.catalog {
            if !p.documents.send.contains("832") { invalid("catalog", "the partner is not sent 832s (documents.send)") }
            if catalog.intervalMinutes < 0 { invalid("catalog.intervalMinutes", "must be 0 (events only) or more") }
            if catalog.items.isEmpty { invalid("catalog.items", "must list at least one item") }
            if catalog.items.count > 100_000 { invalid("catalog.items", "at most 100000 items") }
            var keys: Set<String> = []
            for item in catalog.items {
                if item.vendorPartNumber == nil, item.gtin == nil { invalid("catalog.items", "each item needs vendorPartNumber or gtin (how the ERP knows it)") }
                if item.uom.isEmpty { invalid("catalog.items", "each item needs its uom") }
                if let pack = item.pack, pack <= 0 { invalid("catalog.items", "'\(item.key)': pack must be positive") }
                if !keys.insert(item.key).inserted { invalid("catalog.items", "'\(item.key)' is listed twice") }
            }
        }
        for (code, shipTo) in p.erp.shipTo where code.isEmpty || shipTo.isEmpty {
            invalid("erp.shipTo", "'\(code)': '\(shipTo)' needs both a partner location code and an ERP ship-to id")
        }
        for problem in p.validation.problems { invalid("validation.\(problem.key)", problem.message) }
        if p.processing.maxInterruptions < 1 { invalid("processing.maxInterruptions", "must be at least 1") }
        if p.processing.maxOrdersPerFile < 1 { invalid("processing.maxOrdersPerFile", "must be at least 1") }
        if p.processing.maxSetsPerInterchange < 1 { invalid("processing.maxSetsPerInterchange", "must be at least 1") }
        if p.processing.duplicateWindowDays < 0 { invalid("processing.duplicateWindowDays", "must not be negative") }
        if p.processing.heldRetryDelaysSeconds.contains(where: { !($0 > 0) }) {
            invalid("processing.heldRetryDelaysSeconds", "every delay must be a positive number of seconds")
        }
        return errors
    }

    static func isSHA256Fingerprint(_ text: String) -> Bool {
        guard text.hasPrefix("SHA256:") else { return false }
        var body = text.dropFirst(7)
        while body.hasSuffix("=") { body = body.dropLast() }
        return body.count == 43 && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/") }
    }
}
