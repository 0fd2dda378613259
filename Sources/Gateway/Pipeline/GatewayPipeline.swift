import ERP
import Foundation
import Mapping
import Partners
import Store
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
    /// How long one partner's poll may go on claiming files; the rest wait for its next poll,
    /// so a partner with a backlog (or a slow ERP) gives way on schedule.
    private let pollBudget: Duration
    /// How many partners are polled at once: a slow partner holds one slot, not the others.
    private let partnerConcurrency: Int
    /// Files of one partner processed at once; two files with a PO number in common never
    /// run together, so each PO's files are answered in the order they arrived.
    private let fileConcurrency: Int
    /// Below this much free space where the store or the staging folder write, no new file is
    /// taken and none is claimed; answers already queued still go out.
    private let minimumFreeBytes: Int64
    private var pickups: [String: (pickup: InboundPickup, transport: any Transport)] = [:]
    /// Partners being polled now: one partner is never polled twice at once in a pipeline.
    private var polling: Set<String> = []
    /// Called with each file's report as soon as the file ends (the CLI prints it then).
    private var reportSink: (@Sendable (PipelineFileReport) -> Void)?

    /// `relistDelay` lets one poll take a file it sees for the first time from a partner that
    /// has no done marker (e.g. a one-shot `--once` run); nil leaves that to the next poll.
    public init(store: GatewayStore, partners: PartnerDirectory, mapsDirectory: String, library: SchemaLibrary,
                orders: OrderValidator, stagingDirectory: URL, relistDelay: Duration? = nil, leaseSeconds: TimeInterval = 60,
                pollBudget: Duration = .seconds(300), partnerConcurrency: Int = 4, fileConcurrency: Int = 1,
                minimumFreeBytes: Int64 = GatewayPipeline.defaultMinimumFreeBytes,
                owner: WorkerIdentity = WorkerIdentity(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.init(store: store, partners: partners, maps: MapCatalog(directory: mapsDirectory), library: library, orders: orders,
                  stagingDirectory: stagingDirectory, relistDelay: relistDelay, leaseSeconds: leaseSeconds, pollBudget: pollBudget,
                  partnerConcurrency: partnerConcurrency, fileConcurrency: fileConcurrency, minimumFreeBytes: minimumFreeBytes, owner: owner, now: now)
    }

    /// With a catalog already loaded and checked (the service loads maps once per configuration).
    public init(store: GatewayStore, partners: PartnerDirectory, maps: MapCatalog, library: SchemaLibrary,
                orders: OrderValidator, stagingDirectory: URL, relistDelay: Duration? = nil, leaseSeconds: TimeInterval = 60,
                pollBudget: Duration = .seconds(300), partnerConcurrency: Int = 4, fileConcurrency: Int = 1,
                minimumFreeBytes: Int64 = GatewayPipeline.defaultMinimumFreeBytes,
                owner: WorkerIdentity = WorkerIdentity(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.owner = owner
        self.minimumFreeBytes = minimumFreeBytes
        self.fileConcurrency = max(1, fileConcurrency)
        self.pollBudget = pollBudget
        self.partnerConcurrency = max(1, partnerConcurrency)
        self.leaseSeconds = leaseSeconds
        self.store = store
        self.partners = partners
        self.maps = maps
        self.library = library
        self.orders = orders
        self.stagingDirectory = stagingDirectory
        self.relistDelay = relistDelay
        self.now = now
    }

    public static let defaultMinimumFreeBytes: Int64 = 64 << 20

    /// Why no work may be taken now: the store's or the staging folder's disk is below the
    /// reserve. Nil when there is room (or the store lives in memory).
    func diskShortage() -> String? {
        var places: [(String, String)] = [("staging folder", stagingDirectory.path)]
        if let path = store.path { places.insert(("store", path), at: 0) }
        for (label, path) in places {
            guard let free = DiskSpace.available(at: path), free < minimumFreeBytes else { continue }
            return "the \(label)'s disk (\(path)) has \(free >> 20) MB free, below the reserve of \(minimumFreeBytes >> 20) MB: "
                + "no new file is taken or processed until space returns; files stay on the partner's server"
        }
        return nil
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

    /// Each file's report goes to `sink` as soon as the file ends, besides being returned.
    public func setReportSink(_ sink: @escaping @Sendable (PipelineFileReport) -> Void) {
        reportSink = sink
    }

    /// Told the partner and time whenever a partner's folder was listed without error.
    private var pollSink: (@Sendable (String, Date) -> Void)?

    public func setPollSink(_ sink: @escaping @Sendable (String, Date) -> Void) {
        pollSink = sink
    }

    /// One poll of every partner, `partnerConcurrency` at a time; reports come back in profile
    /// id order. A partner whose folder cannot be reached is reported and audited; the others
    /// are polled all the same, and a slow one delays only itself.
    public func poll() async -> [PipelineFileReport] {
        let profiles = partners.profiles.keys.sorted().compactMap { partners.profile(id: $0) }
        var byPartner: [String: [PipelineFileReport]] = [:]
        await withTaskGroup(of: (String, [PipelineFileReport]).self) { group in
            var running = 0
            for profile in profiles {
                if running == partnerConcurrency, let (id, reports) = await group.next() {
                    byPartner[id] = reports
                    running -= 1
                }
                group.addTask { (profile.id, await self.poll(profile)) }
                running += 1
            }
            for await (id, reports) in group { byPartner[id] = reports }
        }
        return profiles.flatMap { byPartner[$0.id] ?? [] }
    }

    /// Polls every partner on its own interval (`interval` overrides the profiles'
    /// `pollIntervalSeconds`) until the task is cancelled; a poll under way finishes its file.
    public func run(interval: Duration? = nil) async {
        let profiles = partners.profiles.keys.sorted().compactMap { partners.profile(id: $0) }
        let slots = PollSlots(partnerConcurrency)
        await withTaskGroup(of: Void.self) { group in
            for profile in profiles {
                group.addTask {
                    let every = interval ?? .seconds(max(1, profile.transport.pollIntervalSeconds))
                    while !Task.isCancelled {
                        await slots.acquire()
                        _ = await self.poll(profile)
                        await slots.release()
                        try? await Task.sleep(for: every)
                    }
                }
            }
        }
    }

    public func poll(_ profile: PartnerProfile) async -> [PipelineFileReport] {
        // One poll per partner at a time: its pickup's readiness memory and its outbox order
        // belong to one poller.
        guard polling.insert(profile.id).inserted else { return [] }
        defer { polling.remove(profile.id) }
        // Across instances sharing the store: the partner's poll lease, kept while the poll runs.
        let lease = lease(for: profile)
        do {
            guard try await store.claimPartnerPoll(profile.id, lease: lease, at: now()) else { return [] }
        } catch {
            let report = PipelineFileReport(partner: profile.id, name: "", inbound: nil, outcome: .notRecorded, reason: "cannot take the partner's poll lease: \(error)")
            reportSink?(report)
            return [report]
        }
        let store = self.store
        let now = self.now
        // A renewal that finds the lease taken (this instance stalled past it) changes nothing
        // here: the files are claimed one by one under leases of their own.
        let keeper = Self.renewing(lease) { _ = try await store.claimPartnerPoll(profile.id, lease: lease, at: now()) }
        let reports = await pollOnce(profile)
        keeper.cancel()
        try? await store.releasePartnerPoll(profile.id, owner: lease.owner)
        return reports
    }

    private func emit(_ report: PipelineFileReport, into reports: inout [PipelineFileReport]) {
        reports.append(report)
        reportSink?(report)
    }

    private func pollOnce(_ profile: PartnerProfile) async -> [PipelineFileReport] {
        var reports: [PipelineFileReport] = []
        let connection: (pickup: InboundPickup, transport: any Transport)
        do {
            connection = try pickup(for: profile)
        } catch {
            await auditPickupFailure(profile, name: nil, reason: "no transport: \(error)")
            emit(PipelineFileReport(partner: profile.id, name: "", inbound: nil, outcome: .notRecorded, reason: "no transport: \(error)"), into: &reports)
            return reports
        }
        let transport = connection.transport
        let lease = lease(for: profile)
        let uploader = OutboxUploader(store: store, profile: profile, transport: transport, lease: lease, now: now)
        if let shortage = diskShortage() {
            // Answers already queued are small to mark sent and owed to the partner: they go.
            _ = await uploader.flush()
            emit(PipelineFileReport(partner: profile.id, name: "", inbound: nil, outcome: .notRecorded, reason: shortage), into: &reports)
            await transport.close()
            return reports
        }
        do {
            for report in try await pickUp(profile, with: connection.pickup) { emit(report, into: &reports) }
            pollSink?(profile.id, now())
        } catch {
            await auditPickupFailure(profile, name: nil, reason: "\(error)")
            emit(PipelineFileReport(partner: profile.id, name: "", inbound: nil, outcome: .notRecorded, reason: "poll failed: \(error)"), into: &reports)
            // The folder could not be listed, so the server is most likely out of reach for the
            // answers of recorded files too; they wait for the next poll rather than fail uploads.
            await transport.close()
            return reports
        }
        let processor = InboundFileProcessor(store: store, profile: profile, transport: transport, library: library, maps: maps,
                                             orders: orders, lease: lease, now: now)
        // Answers a stopped process left pending go first: the partner gets them in order.
        _ = await uploader.flush()
        do {
            _ = try await store.releaseDueHolds(partner: profile.id, now: now())
        } catch {
            emit(PipelineFileReport(partner: profile.id, name: "", inbound: nil, outcome: .notRecorded, reason: "cannot release holds: \(error)"), into: &reports)
        }
        await processClaimed(profile, processor: processor, lease: lease, into: &reports)
        for failure in await uploader.flush() {
            emit(PipelineFileReport(partner: profile.id, name: failure.file, inbound: nil, outcome: .uploadFailed, reason: failure.description), into: &reports)
        }
        // Sessions are not kept open between polls; the transport reconnects on next use.
        await transport.close()
        return reports
    }

    /// Claims and processes the partner's due files, up to `fileConcurrency` at once, until none
    /// is left, the poll's budget is spent or the poll is cancelled (checked between files: a
    /// file under way always finishes).
    private func processClaimed(_ profile: PartnerProfile, processor: InboundFileProcessor, lease: Lease, into reports: inout [PipelineFileReport]) async {
        let started = ContinuousClock.now
        let finished = await withTaskGroup(of: (Int64, PipelineFileReport).self, returning: [PipelineFileReport].self) { group in
            var inFlight: [Int64: Set<String>] = [:]
            var finished: [PipelineFileReport] = []
            func collectOne() async {
                guard let (id, report) = await group.next() else { return }
                inFlight[id] = nil
                finished.append(report)
                reportSink?(report)
            }
            do {
                while true {
                    while inFlight.count >= fileConcurrency { await collectOne() }
                    // Checked once a slot is free: waiting for one may have spent the budget.
                    guard ContinuousClock.now - started < pollBudget, !Task.isCancelled else { break }
                    guard let file = try await store.claimNextInbound(partner: profile.id, lease: lease, at: now()) else { break }
                    // Read once for the PO numbers and handed on: the processor needs it next.
                    let content = fileConcurrency > 1 ? try? await store.content(ofInbound: file.id) : nil
                    var poNumbers: Set<String> = []
                    if let content { poNumbers = await Self.poNumbers(of: file, content: content) }
                    // The same PO in a file under way: wait for it, so answers keep the files' order.
                    while inFlight.values.contains(where: { !$0.isDisjoint(with: poNumbers) }) { await collectOne() }
                    inFlight[file.id] = poNumbers
                    group.addTask { (file.id, await self.process(file, content: content, with: processor, lease: lease)) }
                }
            } catch {
                let report = PipelineFileReport(partner: profile.id, name: "", inbound: nil, outcome: .notRecorded, reason: "cannot claim files: \(error)")
                finished.append(report)
                reportSink?(report)
            }
            while !inFlight.isEmpty { await collectOne() }
            return finished
        }
        reports += finished
    }

    /// BEG03 of the file's 850s, read from the stored bytes (empty when they cannot be read:
    /// such a file holds no order to keep in order).
    static func poNumbers(of file: InboundFile, content: InboundContent) async -> Set<String> {
        // A scan of the BEGs is enough when every 850 shows one; anything unusual, and a file
        // too big for the database, is read as a stream keeping only the numbers.
        if case .stored(let bytes) = content, let scan = SegmentValueScan.values(of: "BEG", element: 3, inSetsOf: "850", in: Array(bytes)),
           scan.values.count == scan.sets {
            return Set(scan.values)
        }
        return await Task.detached {
            guard let reader = try? content.reader(file: file.name, mode: .tolerant) else { return Set<String>() }
            var numbers = Set<String>()
            // Ordering by PO is for files of a few orders; a file of more is held anyway.
            while numbers.count < 100_000, let event = try? reader.next() {
                guard case .transactionSet(let set) = event, set.type == "850" else { continue }
                if let beg = set.segments.first(where: { $0.idString == "BEG" }) { numbers.insert(beg[3]) }
            }
            return numbers
        }.value
    }

    /// A companion task that renews a lease three times per term until cancelled (or until a
    /// renewal fails: a lost file lease is then found by the owner check of the next write).
    private static func renewing(_ lease: Lease, _ renew: @escaping @Sendable () async throws -> Void) -> Task<Void, any Error> {
        Task {
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(Int64(lease.seconds * 1000 / 3)))
                try await renew()
            }
        }
    }

    /// Processes one claimed file while a companion task renews its lease, so a slow ERP never
    /// lets the lease run out under a live worker.
    private func process(_ file: InboundFile, content: InboundContent?, with processor: InboundFileProcessor, lease: Lease) async -> PipelineFileReport {
        let store = self.store
        let now = self.now
        let renewal = Self.renewing(lease) { try await store.renewLease(file.id, lease: lease, at: now()) }
        defer { renewal.cancel() }
        // Not cancelled with the poll: a stopping gateway lets the file under way finish its
        // steps (each recorded as it goes) instead of cutting its ERP calls into a hold. Off the
        // actor, so several files (and partners) are read and validated on all cores.
        return await Task.detached { await processor.process(file, content: content) }.value
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
