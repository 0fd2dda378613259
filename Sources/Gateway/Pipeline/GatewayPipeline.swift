import ERP
import Foundation
import Mapping
import Partners
import Transport
import X12

/// One poll over every partner of a directory: take their new files (recording each durably
/// before the server copy goes), then take every recorded file of theirs that is due to its
/// end state — acknowledged, and for 850s decided by the ERP and answered with an 855.
///
/// An actor so that the pickups (and their two-listings readiness memory) survive between
/// polls of a long-running gateway, and so that two polls never interleave in one pipeline.
/// Several pipelines (in one process or several) may share a store: a file is claimed under a
/// lease that this pipeline renews while it works, and only an expired lease (or one whose
/// owner's process is gone) is taken over.
public actor GatewayPipeline {
    public let store: GatewayStore
    public let partners: PartnerDirectory
    private let maps: MapCatalog
    private let library: SchemaLibrary
    private let orders: OrderValidator
    private let stagingDirectory: URL
    private let relistDelay: Duration?
    private let now: @Sendable () -> Date
    /// This pipeline's identity in leases, and how long its claims last without renewal.
    public let owner: WorkerIdentity
    private let leaseSeconds: TimeInterval
    private var pickups: [String: (pickup: InboundPickup, transport: any Transport)] = [:]

    /// `relistDelay` lets one poll take a file it sees for the first time from a partner that
    /// has no done marker (e.g. a one-shot `--once` run); nil leaves that to the next poll.
    public init(store: GatewayStore, partners: PartnerDirectory, mapsDirectory: String, library: SchemaLibrary,
                orders: OrderValidator, stagingDirectory: URL, relistDelay: Duration? = nil, leaseSeconds: TimeInterval = 60,
                owner: WorkerIdentity = WorkerIdentity(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.owner = owner
        self.leaseSeconds = leaseSeconds
        self.store = store
        self.partners = partners
        self.maps = MapCatalog(directory: mapsDirectory)
        self.library = library
        self.orders = orders
        self.stagingDirectory = stagingDirectory
        self.relistDelay = relistDelay
        self.now = now
    }

    /// At start-up, before the first poll: files a stopped process left in `processing` go back
    /// in line, or to quarantine once interrupted too often (the partner's
    /// `processing.maxInterruptions`). Files another live worker holds are left alone.
    public func recoverInterrupted() async throws -> [InboundFile] {
        var requeued: [InboundFile] = []
        for id in partners.profiles.keys.sorted() {
            guard let profile = partners.profile(id: id) else { continue }
            requeued += try await store.requeueInterrupted(partner: id, lease: lease(for: profile), at: now())
        }
        return requeued
    }

    func lease(for profile: PartnerProfile) -> Lease {
        Lease(owner: owner, seconds: leaseSeconds, maxInterruptions: profile.processing.maxInterruptions)
    }

    /// One poll of every partner, in profile id order. A partner whose folder cannot be
    /// reached is reported and audited; the others are polled all the same.
    public func poll() async -> [PipelineFileReport] {
        var reports: [PipelineFileReport] = []
        for id in partners.profiles.keys.sorted() {
            guard let profile = partners.profile(id: id) else { continue }
            reports += await poll(profile)
        }
        return reports
    }

    public func poll(_ profile: PartnerProfile) async -> [PipelineFileReport] {
        var reports: [PipelineFileReport] = []
        let connection: (pickup: InboundPickup, transport: any Transport)
        do {
            connection = try pickup(for: profile)
        } catch {
            await auditPickupFailure(profile, name: nil, reason: "no transport: \(error)")
            return [PipelineFileReport(partner: profile.id, name: "", inbound: nil, outcome: .notRecorded, reason: "no transport: \(error)")]
        }
        let transport = connection.transport
        do {
            reports += try await pickUp(profile, with: connection.pickup)
        } catch {
            await auditPickupFailure(profile, name: nil, reason: "\(error)")
            reports.append(PipelineFileReport(partner: profile.id, name: "", inbound: nil, outcome: .notRecorded, reason: "poll failed: \(error)"))
            // The folder could not be listed, so the server is most likely out of reach for the
            // answers of recorded files too; they wait for the next poll rather than fail uploads.
            await transport.close()
            return reports
        }
        let lease = lease(for: profile)
        let processor = InboundFileProcessor(store: store, profile: profile, transport: transport, library: library, maps: maps,
                                             orders: orders, lease: lease, now: now)
        let uploader = OutboxUploader(store: store, profile: profile, transport: transport, lease: lease, now: now)
        // Answers a stopped process left pending go first: the partner gets them in order.
        _ = await uploader.flush()
        do {
            _ = try await store.releaseDueHolds(partner: profile.id, now: now())
            while let file = try await store.claimNextInbound(partner: profile.id, lease: lease, at: now()) {
                reports.append(await process(file, with: processor, lease: lease))
            }
        } catch {
            reports.append(PipelineFileReport(partner: profile.id, name: "", inbound: nil, outcome: .notRecorded, reason: "cannot claim files: \(error)"))
        }
        for failure in await uploader.flush() {
            reports.append(PipelineFileReport(partner: profile.id, name: failure.file, inbound: nil, outcome: .uploadFailed, reason: failure.description))
        }
        // Sessions are not kept open between polls; the transport reconnects on next use.
        await transport.close()
        return reports
    }

    /// Processes one claimed file while a companion task renews its lease, so a slow ERP never
    /// lets the lease run out under a live worker.
    private func process(_ file: InboundFile, with processor: InboundFileProcessor, lease: Lease) async -> PipelineFileReport {
        let store = self.store
        let now = self.now
        let renewal = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(Int64(lease.seconds * 1000 / 3)))
                try await store.renewLease(file.id, lease: lease, at: now())
            }
        }
        defer { renewal.cancel() }
        return await processor.process(file)
    }

    /// Pickup: each file is recorded in the store inside the handler, so the pickup archives
    /// it on the server only once the record is durable; a duplicate is recognised and archived too.
    private func pickUp(_ profile: PartnerProfile, with pickup: InboundPickup) async throws -> [PipelineFileReport] {
        let store = self.store
        let now = self.now
        let recorded = RecordedPickups()
        let poll = try await pickup.poll { picked in
            let record = try await store.recordInbound(picked, partner: profile.id, receivedAt: now())
            await recorded.append(name: picked.name, record)
            FaultPoint.reach("received")
        }
        var reports: [PipelineFileReport] = []
        for (name, record) in await recorded.records {
            guard case .duplicate(let earlier) = record else { continue }
            reports.append(PipelineFileReport(partner: profile.id, name: name, inbound: earlier.id, outcome: .duplicate,
                                              reason: "same bytes as \(earlier.documentReference) (\(earlier.name), \(earlier.state.kind.rawValue))"))
        }
        for failure in poll.failed {
            await auditPickupFailure(profile, name: failure.name, reason: "\(failure.error)")
            reports.append(PipelineFileReport(partner: profile.id, name: failure.name, inbound: nil, outcome: .notRecorded, reason: "\(failure.error)"))
        }
        for rejection in poll.rejected {
            await auditPickupFailure(profile, name: rejection.name, reason: rejection.reason)
            reports.append(PipelineFileReport(partner: profile.id, name: rejection.name, inbound: nil, outcome: .notRecorded, reason: rejection.reason))
        }
        for (file, error) in poll.recordedButNotDisposed {
            // Recorded, so it is processed; the server copy comes back next poll as a duplicate.
            await auditPickupFailure(profile, name: file.name, reason: "recorded but not archived: \(error)")
        }
        if let interruption = poll.interruption {
            await auditPickupFailure(profile, name: nil, reason: "connection lost: \(interruption)")
        }
        return reports
    }

    private func pickup(for profile: PartnerProfile) throws -> (pickup: InboundPickup, transport: any Transport) {
        if let existing = pickups[profile.id] { return existing }
        var inbound = profile.transport.inboundProfile
        if let relistDelay { inbound.relistDelay = relistDelay }
        let transport = try profile.transport.makeTransport()
        let pickup = InboundPickup(transport: transport, profile: inbound,
                                   stagingDirectory: stagingDirectory.appendingPathComponent(profile.id))
        pickups[profile.id] = (pickup, transport)
        return (pickup, transport)
    }

    private func auditPickupFailure(_ profile: PartnerProfile, name: String?, reason: String) async {
        var details: [String: AuditValue] = ["reason": .text(reason)]
        if let name { details["name"] = .text(name) }
        // When even the audit cannot be written, the report line is what is left to tell ops.
        _ = try? await store.audit.append(AuditEvent(partner: profile.id, document: nil, kind: .pickupFailed, details: details), at: now())
    }
}
