import Foundation

/// Takes finished files from a partner's inbound folder, one poll at a time.
///
/// The order per file is what the gateway's exactly-once delivery rests on: download (to a hidden
/// temporary, renamed when complete), checksum, hand to the caller, which records the file durably,
/// and only after the caller returned without error archive or delete it on the server. A crash or
/// a lost connection between those steps leaves the file on the server, so it is offered again, never
/// lost; the caller recognises a repeat by name and checksum.
public actor InboundPickup {
    public let profile: InboundProfile
    private let transport: any Transport
    private let stagingDirectory: URL
    /// Files up to this size are read into memory when the transport can (a local folder);
    /// larger ones, and every file over SFTP, go through a staged copy.
    private let inMemoryLimit: Int64
    /// Last listing's size and mtime per name, for the two-listings stability rule across polls.
    private var lastSeen: [String: Snapshot] = [:]

    private struct Snapshot: Equatable {
        let size: Int64
        let modified: Int64
    }

    public init(transport: any Transport, profile: InboundProfile, stagingDirectory: URL, inMemoryLimit: Int64 = InboundPickup.defaultInMemoryLimit) {
        self.transport = transport
        self.profile = profile
        self.stagingDirectory = stagingDirectory
        self.inMemoryLimit = inMemoryLimit
    }

    public static let defaultInMemoryLimit: Int64 = 256 << 10

    /// One poll. `handOver` must record the file durably (copy or move `localURL`) before returning;
    /// if it throws, the file stays on the server. Throws only when the folder cannot be listed.
    public func poll(handOver: @Sendable (PickedUpFile) async throws -> Void) async throws -> PollReport {
        try StagingDirectory.prepare(stagingDirectory)
        var report = PollReport()
        var listing = try await transport.list(profile.folder)
        var ready = classify(listing, previous: lastSeen, report: &report)
        if let delay = profile.relistDelay, !report.waiting.isEmpty {
            let firstListing = snapshots(of: listing)
            try await Task.sleep(for: delay)
            report = PollReport()
            listing = try await transport.list(profile.folder)
            ready = classify(listing, previous: firstListing, report: &report)
        }
        lastSeen = snapshots(of: listing)

        for file in ready {
            do {
                try await take(file, handOver: handOver, report: &report)
            } catch let error as TransportError where error.isWorthReconnecting {
                report.interruption = error
                break
            }
        }
        return report
    }

    /// Downloads, hands over, disposes. Throws only connection errors that outlasted the reconnect
    /// policy before the handover; everything else is recorded in the report.
    private func take(_ file: RemoteFile, handOver: @Sendable (PickedUpFile) async throws -> Void,
                      report: inout PollReport) async throws {
        let name = file.name
        // A name we generate: the partner's file name never becomes a local path.
        let stagingURL = stagingDirectory.appendingPathComponent("pickup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: stagingURL) }

        let picked: PickedUpFile
        do {
            let limit = min(inMemoryLimit, profile.maxFileSize)
            if file.size <= limit, let read = try await transport.downloadIntoMemory(name, from: profile.folder, maxBytes: limit) {
                picked = PickedUpFile(name: name, folder: profile.folder, size: read.receipt.size, sha256: read.receipt.sha256,
                                      modified: file.modified, localURL: stagingURL, bytes: read.bytes)
            } else {
                let receipt = try await transport.download(name, from: profile.folder, to: stagingURL, maxBytes: profile.maxFileSize)
                picked = PickedUpFile(name: name, folder: profile.folder, size: receipt.size, sha256: receipt.sha256,
                                      modified: file.modified, localURL: stagingURL)
            }
        } catch let error as TransportError where error.isWorthReconnecting {
            throw error
        } catch let TransportError.fileTooLarge(_, size, limit) {
            report.rejected.append(.init(name: name, reason: "\(size) bytes, over the limit of \(limit)"))
            return
        } catch {
            report.failed.append(.init(name: name, error: error))
            return
        }

        do {
            try await handOver(picked)
        } catch {
            report.failed.append(.init(name: name, error: error))
            return
        }

        do {
            try await dispose(picked)
            // The report outlives the poll's files: it keeps what they were, not their bytes.
            report.pickedUp.append(picked.withoutBytes)
        } catch {
            report.recordedButNotDisposed.append((picked.withoutBytes, error))
            if let error = error as? TransportError, error.isWorthReconnecting { throw error }
        }
    }

    private func dispose(_ file: PickedUpFile) async throws {
        switch profile.disposal {
        case .archive(let archive):
            do {
                try await transport.move(file.name, from: profile.folder, to: archive, as: nil)
            } catch TransportError.alreadyExists {
                // The partner sent the same name again; keep both in the archive.
                let stamp = Int64(Date().timeIntervalSince1970)
                let unique = "\(file.name.prefix(200)).\(stamp).\(file.sha256.prefix(12))"
                try await transport.move(file.name, from: profile.folder, to: archive, as: unique)
            }
        case .delete:
            try await transport.delete(file.name, in: profile.folder)
        }
        if case .doneMarker(let suffix) = profile.readiness {
            try? await transport.delete(file.name + suffix, in: profile.folder)
        }
    }

    /// Files ready to take, in name order; everything else goes into the report.
    private func classify(_ listing: [RemoteFile], previous: [String: Snapshot], report: inout PollReport) -> [RemoteFile] {
        let names = Set(listing.map(\.name))
        var ready: [RemoteFile] = []
        for file in listing.sorted(by: { $0.nameBytes.lexicographicallyPrecedes($1.nameBytes) }) {
            let name: String
            switch file.safeName(maxLength: profile.maxNameLength) {
            case .success(let safe): name = safe
            case .failure(let error):
                report.rejected.append(.init(name: file.name, reason: "\(error)"))
                continue
            }
            // Hidden names are uploads in progress by convention (ours included).
            if name.hasPrefix(".") { continue }
            guard file.kind == .regularFile else {
                if file.kind != .directory {
                    report.rejected.append(.init(name: name, reason: "not a regular file (\(file.kind))"))
                }
                continue
            }
            if file.size > profile.maxFileSize {
                report.rejected.append(.init(name: name, reason: "\(file.size) bytes, over the limit of \(profile.maxFileSize)"))
                continue
            }
            switch profile.readiness {
            case .stableAcrossListings:
                if previous[name] == Snapshot(size: file.size, modified: file.modified) {
                    ready.append(file)
                } else {
                    report.waiting.append(name)
                }
            case .doneMarker(let suffix):
                if name.hasSuffix(suffix) { continue }
                if names.contains(name + suffix) {
                    ready.append(file)
                } else {
                    report.waiting.append(name)
                }
            }
        }
        return ready
    }

    private func snapshots(of listing: [RemoteFile]) -> [String: Snapshot] {
        var result: [String: Snapshot] = [:]
        for file in listing where file.kind == .regularFile {
            result[file.name] = Snapshot(size: file.size, modified: file.modified)
        }
        return result
    }
}
