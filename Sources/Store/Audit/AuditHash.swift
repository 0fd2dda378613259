
/// The audit trail's hash: SHA-256 (lowercase hex) over the entry's fields as netstrings
/// (`<byte length>:<bytes>,`), in column order, ending with the previous entry's hash. Length
/// prefixes make the input unambiguous whatever a field contains, and netstrings are easy to
/// rebuild by hand when checking a row (docs/gateway-store.md).
public enum AuditHash {
    /// `previous_hash` of sequence 1.
    public static let genesis = String(repeating: "0", count: 64)

    public static func hash(sequence: Int64, recordedAt: String, partner: String, document: String,
                            event: String, details: String, previousHash: String) -> String {
        var input = [UInt8]()
        for field in [String(sequence), recordedAt, partner, document, event, details, previousHash] {
            let bytes = Array(field.utf8)
            input += Array("\(bytes.count):".utf8)
            input += bytes
            input.append(0x2C)
        }
        return ContentDigest.sha256(input)
    }
}
