/// Decides whether a name from a partner's server (or from our own caller) may become a path
/// component. A hostile or broken server can send anything in a directory listing; only names that
/// cannot escape the folder, cannot smuggle terminal control sequences into logs, and fit every
/// filesystem we write to are used.
public enum FileNameSafety {
    /// Most Linux filesystems cap a component at 255 bytes.
    public static let defaultMaxLength = 255

    public static func check(_ name: String, maxLength: Int = defaultMaxLength) -> Result<String, TransportError> {
        check(Array(name.utf8), maxLength: maxLength)
    }

    public static func check(_ bytes: [UInt8], maxLength: Int = defaultMaxLength) -> Result<String, TransportError> {
        let shown = String(decoding: bytes, as: UTF8.self)
        func refuse(_ reason: String) -> Result<String, TransportError> {
            .failure(.unsafeName(name: shown, reason: reason))
        }
        if bytes.isEmpty { return refuse("empty") }
        if bytes.count > maxLength { return refuse("\(bytes.count) bytes, longer than \(maxLength)") }
        guard let name = String(validating: bytes, as: UTF8.self) else { return refuse("not valid UTF-8") }
        if bytes.allSatisfy({ $0 == UInt8(ascii: ".") }) { return refuse("only dots") }
        if bytes.contains(UInt8(ascii: "/")) { return refuse("contains '/'") }
        // A backslash is a separator on the Windows machines some partners and operators use.
        if bytes.contains(UInt8(ascii: "\\")) { return refuse("contains '\\'") }
        for scalar in name.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) {
                return refuse("contains control character U+\(String(v, radix: 16, uppercase: true))")
            }
            // Bidirectional overrides make a name display as something else (e.g. "invoice‮fdp.exe").
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F {
                return refuse("contains bidirectional control U+\(String(v, radix: 16, uppercase: true))")
            }
        }
        if name.first == " " || name.last == " " { return refuse("leading or trailing space") }
        return .success(name)
    }
}
