import Foundation

/// One thing the ERP said about an order that differs from what the partner sent. Findings
/// are what policy turns into line statuses; they are also kept for the audit trail.
public enum Finding: Sendable, Hashable, CustomStringConvertible {
    case unknownItem(line: String, item: String)
    case unknownUOM(line: String, item: String, uom: String)
    case priceMismatch(line: String, offered: Decimal?, net: Decimal, source: PriceSource?, currency: String?)
    case shortage(line: String, requested: Decimal, available: Decimal, uom: String, fillDate: String?, substitutes: [String])
    case currencyMismatch(ordered: String, erp: String)
    case shipToUnknown(String)
    case shipToNotAuthorised(String)
    case creditHold(String)
    case overLimit(String)
    /// A line the partner sent that cannot be an order line (a quantity that is not positive,
    /// a negative price): rejected before the ERP is asked, so it can neither be entered nor
    /// lower the amount the credit check sees.
    case invalidLine(line: String, reason: String)
    /// The partner ordered at a price we published it (832) that holds on the order's date,
    /// though the ERP's price is another today: honoured, and said so in the audit trail.
    case publishedPrice(line: String, price: Decimal, catalog: String, net: Decimal)

    public var description: String {
        switch self {
        case .unknownItem(let line, let item):
            return "line \(line): item \(item) is not known to us"
        case .unknownUOM(let line, let item, let uom):
            return "line \(line): item \(item) is not sold in unit \(uom)"
        case .priceMismatch(let line, let offered, let net, let source, let currency):
            let money = currency.map { " \($0)" } ?? ""
            let why = source.map { " (\($0.rawValue) price)" } ?? ""
            if let offered {
                return "line \(line): price \(offered.moneyText)\(money) differs from our price \(net.moneyText)\(money)\(why)"
            }
            return "line \(line): no price sent; our price is \(net.moneyText)\(money)\(why)"
        case .shortage(let line, let requested, let available, let uom, let fillDate, let substitutes):
            var text = "line \(line): \(requested) \(uom) ordered, \(available) \(uom) available"
            if let fillDate { text += "; full quantity available \(fillDate)" } else { text += "; no receipt scheduled" }
            if !substitutes.isEmpty { text += "; substitutes: \(substitutes.joined(separator: ", "))" }
            return text
        case .currencyMismatch(let ordered, let erp):
            return "order currency \(ordered) is not the account currency \(erp)"
        case .shipToUnknown(let detail):
            return "ship-to not known: \(detail)"
        case .shipToNotAuthorised(let detail):
            return "ship-to not authorised for this customer: \(detail)"
        case .creditHold(let detail):
            return "account on credit hold: \(detail)"
        case .overLimit(let detail):
            return "order exceeds available credit: \(detail)"
        case .invalidLine(let line, let reason):
            return "line \(line): \(reason)"
        case .publishedPrice(let line, let price, let catalog, let net):
            return "line \(line): price \(price.moneyText) as we published it (\(catalog)); our price today is \(net.moneyText)"
        }
    }
}
