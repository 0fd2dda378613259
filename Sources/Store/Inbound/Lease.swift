import Foundation

/// The terms under which a worker claims inbound files: who it is, how long a claim lasts
/// without renewal, and after how many interrupted attempts a file is quarantined instead of
/// taken over again.
public struct Lease: Sendable, Hashable {
    public var owner: WorkerIdentity
    /// Seconds a claim lasts; a live worker renews it well before (`GatewayPipeline.renewing`).
    public var seconds: TimeInterval
    /// A file whose processing was interrupted this many times (the process ended, or lost its
    /// lease) is quarantined for ops rather than retried forever.
    public var maxInterruptions: Int

    public init(owner: WorkerIdentity = .thisProcess, seconds: TimeInterval = 60, maxInterruptions: Int = 3) {
        self.owner = owner
        self.seconds = seconds
        self.maxInterruptions = max(1, maxInterruptions)
    }
}

extension WorkerIdentity {
    /// One identity per process, for callers that do not run several workers.
    public static let thisProcess = WorkerIdentity()
}
