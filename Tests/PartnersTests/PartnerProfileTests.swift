import Foundation
import ERP
import XCTest
@testable import Mapping
@testable import Partners
import Transport
import X12
import Secrets

final class PartnerProfileTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var partners: String { root.appendingPathComponent("Partners").path }
    static var maps: String { root.appendingPathComponent("Maps").path }

    static let acmeText: String = String(decoding: FileManager.default.contents(atPath: partners + "/acme-retail.yaml")!, as: UTF8.self)

    /// Parses the ACME profile with `replace` applied, as if the file were `Partners/acme-retail.yaml`.
    func errors(replacing old: String, with new: String) -> [String] {
        let text = Self.acmeText.replacingOccurrences(of: old, with: new)
        XCTAssertNotEqual(text, Self.acmeText, "the replacement must change the profile")
        do {
            _ = try PartnerProfileLoader.parse(text: text, file: "Partners/acme-retail.yaml")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    func line(of text: String) -> Int {
        (Self.acmeText.components(separatedBy: "\n").firstIndex { $0.contains(text) } ?? -1) + 1
    }

    func testExamplePartnersLoadAndDiffer() throws {
        let directory = try PartnerDirectory(directory: Self.partners)
        let acme = try XCTUnwrap(directory.profile(id: "acme-retail"))
        let globex = try XCTUnwrap(directory.profile(id: "globex-stores"))
        XCTAssertEqual(acme.interchange.version, "004010")
        XCTAssertEqual(globex.interchange.version, "005010")
        XCTAssertEqual(acme.interchange.delimiters.delimiters, Delimiters(element: UInt8(ascii: "*"), component: UInt8(ascii: ">"), segment: UInt8(ascii: "~"), lineBreak: [0x0A]))
        XCTAssertEqual(globex.interchange.delimiters.delimiters, Delimiters(element: UInt8(ascii: "|"), component: UInt8(ascii: "^"), repetition: UInt8(ascii: "~"), segment: UInt8(ascii: "{"), lineBreak: [0x0A]))
        XCTAssertEqual(acme.acknowledgments.send, .functional997)
        XCTAssertEqual(globex.acknowledgments.send, .implementation999)
        XCTAssertEqual(globex.acknowledgments.ta1, .always)
        XCTAssertEqual(acme.erp.customer, "C-ACME")
        XCTAssertEqual(acme.erp.erpShipTo(forPartnerLocation: "0012"), "ST-ACME-0012")
        XCTAssertEqual(globex.erp.erpShipTo(forPartnerLocation: "0614141000012"), "ST-GLOBEX-DC1")
        XCTAssertEqual(acme.validation.shortage, .backorder)
        XCTAssertEqual(globex.validation.priceMismatch, .reject)
        XCTAssertEqual(acme.validation.priceTolerancePercent, Decimal(string: "1.0"))
        XCTAssertEqual(acme.validation.unknownItem, .rejectOrder, "`reject` still spells reject-the-order")
        XCTAssertEqual(acme.erpPolicy, acme.validation, "one policy: the profile's section is the ERP module's type")
        XCTAssertEqual(directory.partner(isaQualifier: "ZZ", isaID: "ACMERETAIL     ")?.id, "acme-retail")
    }

    func testPartnerCheckOfTheExamplesIsClean() {
        for id in ["acme-retail", "globex-stores"] {
            let result = PartnerCheck.check(profilePath: "\(Self.partners)/\(id).yaml", maps: MapCatalog(directory: Self.maps))
            XCTAssertNotNil(result.profile)
            XCTAssertEqual(result.errors, [], id)
        }
    }

    func testTransportMapsOntoTheTransportModule() throws {
        let acme = try PartnerProfileLoader.load(path: Self.partners + "/acme-retail.yaml")
        let sftp = try XCTUnwrap(try acme.transport.sftpConfiguration())
        XCTAssertEqual(sftp.host, "sftp.acme-retail.example")
        XCTAssertEqual(sftp.port, 22)
        XCTAssertEqual(sftp.authentication, .privateKey(path: "/etc/edigate/keys/acme-retail_ed25519", passphrase: SecretReference(.environment("ACME_SFTP_KEY_PASSPHRASE"))))
        XCTAssertEqual(sftp.hostKey, HostKeyPin(fingerprint: "SHA256:X45//mG0haeTdVImoJ0B1MjXLdQ2507Wck+SwM3UoNg", keyType: "ssh-ed25519"))
        XCTAssertEqual(sftp.timeouts, .init(connect: .seconds(10), step: .seconds(30)))
        XCTAssertEqual(acme.transport.inboundProfile, InboundProfile(folder: "/outbox", readiness: .doneMarker(suffix: ".done"), disposal: .archive(folder: "/outbox/archive"), maxFileSize: 64 << 20))
        let globex = try PartnerProfileLoader.load(path: Self.partners + "/globex-stores.yaml")
        XCTAssertNil(try globex.transport.sftpConfiguration())
        XCTAssertEqual(globex.transport.inboundProfile.readiness, .stableAcrossListings)
        XCTAssertEqual(globex.transport.inboundProfile.disposal, .delete)
        XCTAssertTrue(try globex.transport.makeTransport() is LocalFolderTransport)
    }

    func testLocalTransportListsFolders() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-partner-\(getpid())")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("from-globex"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("ISA".utf8).write(to: root.appendingPathComponent("from-globex/po1.x12"))
        var globex = try PartnerProfileLoader.load(path: Self.partners + "/globex-stores.yaml")
        globex.transport.local = .init(root: root.path)
        let transport = try globex.transport.makeTransport()
        let files = try await transport.list(globex.transport.inbound)
        XCTAssertEqual(files.map(\.name), ["po1.x12"])
    }

    func testOutboundEnvelopeFromTheProfile() throws {
        let globex = try PartnerProfileLoader.load(path: Self.partners + "/globex-stores.yaml")
        let envelope = globex.outboundEnvelope(interchangeControl: 7, groupControl: 8, setControl: 9, date: "20261126", time: "0930")
        XCTAssertEqual(envelope.senderID, "EDIGATE")
        XCTAssertEqual(envelope.receiverQualifier, "01")
        XCTAssertEqual(envelope.receiverID, "061414100")
        XCTAssertEqual(envelope.receiverGroupID, "GLOBEXSTORES")
        XCTAssertEqual(envelope.interchangeVersion, "00501")
        XCTAssertTrue(envelope.acknowledgmentRequested)
    }

    func testPriceTolerance() throws {
        let acme = try PartnerProfileLoader.load(path: Self.partners + "/acme-retail.yaml")
        XCTAssertTrue(acme.validation.priceWithinTolerance(offered: Decimal(string: "10.09")!, net: 10))   // 1 % of 10 = 0.10
        XCTAssertFalse(acme.validation.priceWithinTolerance(offered: Decimal(string: "10.11")!, net: 10))
        XCTAssertTrue(acme.validation.priceWithinTolerance(offered: Decimal(string: "1.04")!, net: 1))     // 0.05 absolute beats 1 %
    }

    // MARK: - Malformed profiles: file:line: message

    func testInlinePasswordIsRefused() {
        let e = errors(replacing: "passphrase: env:ACME_SFTP_KEY_PASSPHRASE", with: "passphrase: hunter2")
        XCTAssertEqual(e, ["Partners/acme-retail.yaml:\(line(of: "passphrase:")): transport.sftp.passphrase: secrets go by reference only (env:NAME or file:PATH), never inline"])
    }

    /// A pickup limit beyond the bound is refused at load; up to it, big files are kept in the
    /// store's content folder.
    func testAPickupLimitBeyondTheBoundIsRefused() {
        let e = errors(replacing: "maxFileSizeMB: 64", with: "maxFileSizeMB: 8192")
        XCTAssertEqual(e.count, 1, "\(e)")
        XCTAssertTrue(e.first?.contains("transport.pickup.maxFileSizeMB: at most 4096") ?? false, "\(e)")
        XCTAssertEqual(errors(replacing: "maxFileSizeMB: 64", with: "maxFileSizeMB: 2048"), [])
    }

    /// A partner may be sent the change acknowledgments, advices and catalogs we generate, but
    /// may only send us what the pipeline processes: anything else is refused at load, never
    /// acknowledged and left undone; and what it may send is what the 997 accepts from it.
    func testDocumentSetsFollowWhatTheGatewayDoes() throws {
        XCTAssertEqual(errors(replacing: #"receive: ["850", "860", "816"]"#, with: #"receive: ["850", "846"]"#),
                       ["Partners/acme-retail.yaml:\(line(of: "receive:")): documents.receive: '846' is not one of 850, 860, 816"])
        XCTAssertEqual(errors(replacing: #"send: ["855", "856", "810", "865", "846", "832"]"#, with: #"send: ["855", "850"]"#),
                       ["Partners/acme-retail.yaml:\(line(of: "send: [\"855\"")): documents.send: '850' is not one of 855, 856, 810, 865, 846, 832",
                        "Partners/acme-retail.yaml:\(line(of: "warehouses: [WH-EAST]")): inventory: the partner is not sent 846s (documents.send)",
                        "Partners/acme-retail.yaml:\(line(of: "catalog:") + 1): catalog: the partner is not sent 832s (documents.send)"])
        XCTAssertEqual(errors(replacing: "    - { vendorPartNumber: RD5322, buyerPartNumber: ACM-1002, uom: EA }", with: "    - { vendorPartNumber: AB3542, colour: red, uom: EA }"),
                       ["Partners/acme-retail.yaml:\(line(of: "vendorPartNumber: RD5322")): unknown key 'inventory.items.colour' (expected one of: vendorPartNumber, gtin, buyerPartNumber, uom, pack)",
                        "Partners/acme-retail.yaml:\(line(of: "  items:") + 1): inventory.items: 'AB3542' is listed twice"])
        let profile = try PartnerProfileLoader.parse(text: Self.acmeText, file: "Partners/acme-retail.yaml")
        XCTAssertEqual(profile.documents.send, ["855", "856", "810", "865", "846", "832"])
        XCTAssertEqual(profile.acceptedSets, ["850", "860", "816", "997", "999"])
    }

    func testMaxOrdersPerFileMustBePositive() {
        let e = errors(replacing: "maxFileSizeMB: 64", with: "maxFileSizeMB: 64\nprocessing:\n  maxOrdersPerFile: 0")
        XCTAssertEqual(e.count, 1, "\(e)")
        XCTAssertTrue(e.first?.contains("processing.maxOrdersPerFile: must be at least 1") ?? false, "\(e)")
    }

    func testUnknownKeyAndBadEnumAtTheirLines() {
        let e = errors(replacing: "  onShortage: backorder", with: "  onShortage: sometimes\n  onWeather: rain")
        XCTAssertEqual(e, [
            "Partners/acme-retail.yaml:\(line(of: "onShortage") + 1): unknown key 'validation.onWeather' (expected one of: priceTolerancePercent, priceTolerance, onPriceMismatch, missingPriceIsMismatch, onShortage, onUnknownItem, onUnknownUOM, onCreditHold, onOverLimit, onUnknownShipTo, onCurrencyMismatch, priceCacheSeconds)",
            "Partners/acme-retail.yaml:\(line(of: "onShortage")): validation.onShortage: 'sometimes' is not valid here (expected one of: backorder, change, reject)",
        ])
    }

    func testMissingRequiredKey() {
        let e = errors(replacing: "    user: edigate\n", with: "")
        XCTAssertEqual(e, ["Partners/acme-retail.yaml:\(line(of: "  sftp:")): transport.sftp.user is required"])
    }

    func testWrongTypeAtItsLine() {
        let e = errors(replacing: "port: 22", with: "port: twenty-two")
        XCTAssertEqual(e, ["Partners/acme-retail.yaml:\(line(of: "port: 22")): transport.sftp.port: expected a whole number"])
    }

    func testSemanticChecksAtTheirLines() {
        XCTAssertEqual(errors(replacing: "hostKey: SHA256:X45//mG0haeTdVImoJ0B1MjXLdQ2507Wck+SwM3UoNg", with: "hostKey: md5:aa:bb"),
                       ["Partners/acme-retail.yaml:\(line(of: "hostKey:")): transport.sftp.hostKey: 'md5:aa:bb' is not a SHA256 fingerprint like SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s (ssh-keygen -l -E sha256 -f KEY)"])
        XCTAssertEqual(errors(replacing: "  send: \"997\"\n  expect: \"997\"", with: "  send: \"999\"\n  expect: \"997\""),
                       ["Partners/acme-retail.yaml:\(line(of: "  send: \"997\"")): acknowledgments.send: 999 exists from 005010 on; version 004010 uses 997"])
        XCTAssertEqual(errors(replacing: "    segment: \"~\"", with: "    segment: \"*\""),
                       ["Partners/acme-retail.yaml:\(line(of: "  delimiters:") + 1): interchange.delimiters: delimiters must all differ"])
        XCTAssertEqual(errors(replacing: "    component: \">\"", with: "    component: \">\"\n    repetition: \"^\""),
                       ["Partners/acme-retail.yaml:\(line(of: "component:") + 1): interchange.delimiters.repetition: version 004010 has no repetition separator (ISA11 is U); remove it"])
        XCTAssertEqual(errors(replacing: "us: { qualifier: ZZ, id: EDIGATE,", with: "us: { qualifier: ZZZ, id: EDIGATE-GATEWAY-TOO-LONG,"), [
            "Partners/acme-retail.yaml:\(line(of: "  us:")): interchange.us.qualifier: 'ZZZ' must be 2 characters (ISA05/ISA07, e.g. ZZ, 01, 12)",
            "Partners/acme-retail.yaml:\(line(of: "  us:")): interchange.us.id: 'EDIGATE-GATEWAY-TOO-LONG' must be 1 to 15 characters (ISA06/ISA08)",
        ])
        XCTAssertEqual(errors(replacing: "id: acme-retail", with: "id: acme"),
                       ["Partners/acme-retail.yaml:\(line(of: "id: acme-retail")): id: 'acme' must match the file name 'acme-retail'"])
    }

    func testYAMLSyntaxError() {
        let e = errors(replacing: "  receive: [\"850\", \"860\", \"816\"]", with: "  receive: [\"850\", \"860\", \"816\"")
        XCTAssertEqual(e.count, 1)
        guard e.count == 1 else { return }
        XCTAssertTrue(e[0].hasPrefix("Partners/acme-retail.yaml:"), "\(e)")
        XCTAssertTrue(e[0].contains("YAML syntax"), "\(e)")
        let lineNumber = Int(e[0].split(separator: ":")[1]) ?? 0
        XCTAssertTrue((line(of: "receive:")...line(of: "receive:") + 2).contains(lineNumber), "\(e)")
    }

    func testPartnerCheckReportsABrokenOverrideMap() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-check-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let maps = folder.appendingPathComponent("Maps")
        try FileManager.default.createDirectory(at: maps.appendingPathComponent("acme-retail"), withIntermediateDirectories: true)
        // The folder holds the override alone: the defaults it layers over are built in.
        try Data("rules:\n  - id: lines/item\n    segment: PO1\n    elements:\n      1: lineNumbr\n".utf8).write(to: maps.appendingPathComponent("acme-retail/855-out.yaml"))
        let result = PartnerCheck.check(profilePath: Self.partners + "/acme-retail.yaml", maps: MapCatalog(directory: maps.path))
        XCTAssertEqual(result.errors, ["\(maps.path)/acme-retail/855-out.yaml:5: OrderAcknowledgment has no field 'lineNumbr'"])
    }
}
