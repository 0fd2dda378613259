import Mapping
import X12

/// Envelope identities, version and delimiters for the partner's interchanges.
public struct InterchangeSettings: Codable, Sendable, Hashable {
    /// ISA05/ISA06 and GS02 (or ISA07/ISA08 and GS03) of one side.
    public struct Identity: Codable, Sendable, Hashable {
        /// ISA interchange ID qualifier, e.g. `ZZ` mutually defined, `01` DUNS, `12` phone.
        public var qualifier: String
        /// ISA interchange ID, up to 15 characters (padded when written).
        public var id: String
        /// GS application sender's/receiver's code.
        public var groupID: String

        public init(qualifier: String, id: String, groupID: String) {
            self.qualifier = qualifier
            self.id = id
            self.groupID = groupID
        }
    }

    /// Outbound separators, one character each (`"\n"` and `"\x1C"` are fine in YAML double quotes).
    public struct DelimiterSettings: Codable, Sendable, Hashable {
        public var element: String
        public var component: String
        /// Required from version 00403 (ISA11); absent for 004010.
        public var repetition: String?
        public var segment: String
        /// Written after each terminator for readability; `""` for none.
        public var lineBreak: String?

        public init(element: String, component: String, repetition: String? = nil, segment: String, lineBreak: String? = nil) {
            self.element = element
            self.component = component
            self.repetition = repetition
            self.segment = segment
            self.lineBreak = lineBreak
        }

        public var delimiters: Delimiters? {
            guard let e = element.utf8.single, let c = component.utf8.single, !segment.isEmpty else { return nil }
            var r: UInt8?
            if let repetition {
                guard let byte = repetition.utf8.single else { return nil }
                r = byte
            }
            return Delimiters(element: e, component: c, repetition: r, segment: Array(segment.utf8), lineBreak: Array((lineBreak ?? "").utf8))
        }
    }

    public enum Reading: String, Codable, Sendable, Hashable {
        case tolerant, strict
    }

    public var partner: Identity
    public var us: Identity
    /// GS08 of what we send, e.g. `004010` or `005010`.
    public var version: String
    /// ISA15: `P` production or `T` test.
    public var usage: String
    public var delimiters: DelimiterSettings
    public var reading: Reading
    /// Outbound text holding one of our delimiters: `replace` (with a space, recorded; the
    /// default) or `refuse` (no document).
    public var delimiterInText: DelimiterInText

    public init(partner: Identity, us: Identity, version: String, usage: String = "P", delimiters: DelimiterSettings, reading: Reading = .tolerant,
                delimiterInText: DelimiterInText = .replace) {
        self.delimiterInText = delimiterInText
        self.partner = partner
        self.us = us
        self.version = version
        self.usage = usage
        self.delimiters = delimiters
        self.reading = reading
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        partner = try c.decode(Identity.self, forKey: .partner)
        us = try c.decode(Identity.self, forKey: .us)
        version = try c.decode(String.self, forKey: .version)
        usage = try c.decodeIfPresent(String.self, forKey: .usage) ?? "P"
        delimiters = try c.decode(DelimiterSettings.self, forKey: .delimiters)
        reading = try c.decodeIfPresent(Reading.self, forKey: .reading) ?? .tolerant
        delimiterInText = try c.decodeIfPresent(DelimiterInText.self, forKey: .delimiterInText) ?? .replace
    }
}

extension String.UTF8View {
    var single: UInt8? { count == 1 ? first : nil }
}
