import Transport

/// `partner check --connect`: opens the partner's transport as the gateway would (pinned host
/// key, key or password by reference) and lists the inbound and outbound folders, so ops find
/// a wrong pin, key or folder before the first poll does.
public enum PartnerTransportProbe {
    public struct Result: Sendable, Hashable {
        public var inboundFiles: Int
        public var outboundFiles: Int
    }

    public static func probe(_ partner: PartnerProfile) async throws -> Result {
        let transport = try partner.transport.makeTransport()
        do {
            if let sftp = transport as? SFTPTransport { try await sftp.connect() }
            let inbound = try await transport.list(partner.transport.inbound)
            let outbound = try await transport.list(partner.transport.outbound)
            await transport.close()
            return Result(inboundFiles: inbound.count, outboundFiles: outbound.count)
        } catch {
            await transport.close()
            throw error
        }
    }
}
