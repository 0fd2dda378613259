/// Serial Shipping Container Codes (GS1 SSCC-18), the carton or pallet labels in MAN*GM.
public enum SSCC {
    /// The GS1 modulo-10 check digit of the first 17 digits: weights 3 and 1 alternate from
    /// the rightmost digit.
    public static func checkDigit(of digits17: String) -> Character? {
        guard digits17.count == 17, digits17.allSatisfy(\.isASCIIDigit) else { return nil }
        var sum = 0
        for (offset, c) in digits17.reversed().enumerated() {
            sum += (c.wholeNumberValue ?? 0) * (offset % 2 == 0 ? 3 : 1)
        }
        return Character(String((10 - sum % 10) % 10))
    }

    /// The 18-digit SSCC of `value` (a leading `00` application identifier is dropped) after
    /// its check digit is verified.
    public static func validated(_ value: String, field: String) throws(OutboundCheckError) -> String {
        var digits = value
        if digits.count == 20, digits.hasPrefix("00") { digits = String(digits.dropFirst(2)) }
        guard digits.count == 18, digits.allSatisfy(\.isASCIIDigit) else { throw .malformedSSCC(field: field, value: value) }
        let expected = checkDigit(of: String(digits.prefix(17)))!
        guard digits.last == expected else { throw .badSSCCCheckDigit(field: field, value: value, expected: expected) }
        return digits
    }
}
