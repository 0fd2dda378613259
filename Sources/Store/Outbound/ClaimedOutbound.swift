import Foundation

/// An interchange queued already claimed for the worker that will upload it next, with the
/// bytes just written: that worker skips the claim and the read back (two of the store's round
/// trips per answer). Claimed as `claimOutbound` would: when the worker stops before the
/// upload, the lease runs out and the outbox's next flush takes it over.
package struct ClaimedOutbound: Sendable {
    package let document: OutboundDocument
    package let bytes: Data
}
