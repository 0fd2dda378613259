import Documents
import X12

/// What `edigate partner try` found in one file: what the gateway would read, answer, decide
/// and send, and whether anything stops the partner going live.
package struct PartnerTrialReport: Sendable {
    package struct InterchangeFinding: Sendable {
        package var control: String
        package var sender: String
        package var receiver: String
        package var version: String
        /// The validation, with the profile's own envelope refusals applied (as the pipeline does).
        package var result: InterchangeResult
    }

    package struct OrderFinding: Sendable {
        package var set: String
        package var poNumber: String?
        package var order: PurchaseOrder?
        /// `accepted`, `acceptedWithChanges`, `rejected`, `held: …`, or `not asked (--no-erp)`.
        package var decision: String?
        package var reasons: [String] = []
        package var acknowledgment: OrderAcknowledgment?
        /// The 855 interchange it would send (control numbers 1, not drawn from any store).
        package var orderAcknowledgmentX12: String?
    }

    package var partner: String
    package var file: String
    /// What stops the partner going live; empty: ready.
    package var problems: [String] = []
    /// What deserves a look but does not stop anything (reading leniency, data no map takes).
    package var warnings: [String] = []
    package var interchanges: [InterchangeFinding] = []
    /// The TA1/997/999 interchange(s) it would send back, as text.
    package var acknowledgmentX12: String?
    package var orders: [OrderFinding] = []

    package var ready: Bool { problems.isEmpty }

    package init(partner: String, file: String) {
        self.partner = partner
        self.file = file
    }
}
