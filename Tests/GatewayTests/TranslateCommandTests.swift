import Foundation
import XCTest

/// `edigate translate` as ops run it: nothing dropped silently.
final class TranslateCommandTests: XCTestCase {
    private func run(_ text: String) throws -> ProcessRun {
        let directory = try TemporaryDirectory()
        let path = directory.path("in.edi")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try EdigateBinary.run(try EdigateBinary.locate(), ["translate", path, "--compact", "--maps",
                                                                  GatewayPipelineTests.repository.appendingPathComponent("Maps").path])
    }

    /// The default 850 map reads the product-id qualifiers retail partners use: a line with a
    /// buyer's part (BP) and a vendor's part (VP) keeps both, a GTIN under UK or EN too.
    func testTheDefaultMapKeepsTheCommonProductIDs() throws {
        let result = try run("""
            ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATE        *261130*1200*U*00401*000000777*0*P*>~
            GS*PO*ACMERETAIL*EDIGATE*20261130*1200*777*X*004010~
            ST*850*0001~
            BEG*00*SA*PO-VP**20261130~
            PO1*1*24*EA*10.50**BP*X1*VP*AB3542~
            PO1*2*6*EA*4.60**IN*G-12*VA*TAPE-DUCT*UK*00012345000104~
            CTT*2~
            SE*6*0001~
            GE*1*777~
            IEA*1*000000777~

            """)
        XCTAssertEqual(result.status, 0, result.stderr)
        let documents = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let lines = try XCTUnwrap(documents.first?["lines"] as? [[String: Any]])
        XCTAssertEqual(lines[0]["buyerPartNumber"] as? String, "X1")
        XCTAssertEqual(lines[0]["vendorPartNumber"] as? String, "AB3542")
        XCTAssertEqual(lines[1]["buyerPartNumber"] as? String, "G-12")
        XCTAssertEqual(lines[1]["vendorPartNumber"] as? String, "TAPE-DUCT")
        XCTAssertEqual(lines[1]["gtin"] as? String, "00012345000104")
        // Every pair is kept as sent, in order, beside the named fields.
        let pairs = try XCTUnwrap(lines[1]["productIds"] as? [[String: String]])
        XCTAssertEqual(pairs, [["qualifier": "IN", "id": "G-12"], ["qualifier": "VA", "id": "TAPE-DUCT"], ["qualifier": "UK", "id": "00012345000104"]])
    }

    /// What no rule takes is a warning naming the segment and element; the translation still
    /// succeeds. A pair with a qualifier no named field takes is kept in productIds, not warned.
    func testDataNoRuleTakesIsReported() throws {
        let result = try run("""
            ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATE        *261130*1200*U*00401*000000779*0*P*>~
            GS*PO*ACMERETAIL*EDIGATE*20261130*1200*779*X*004010~
            ST*850*0001~
            BEG*00*SA*PO-W**20261130*CONTRACT-9~
            REF*IA*V123~
            PO1*1*24*EA*10.50**BP*X1*MG*MFR-77~
            CTT*1~
            SE*6*0001~
            GE*1*779~
            IEA*1*000000779~

            """)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("850 0001: segment 2 BEG: element BEG06 'CONTRACT-9' is not mapped"), result.stderr)
        XCTAssertTrue(result.stderr.contains("850 0001: segment 3 REF: not mapped (REF*IA*V123)"), result.stderr)
        XCTAssertFalse(result.stderr.contains("MFR-77"), result.stderr)
        let documents = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let lines = try XCTUnwrap(documents.first?["lines"] as? [[String: Any]])
        XCTAssertEqual(lines[0]["productIds"] as? [[String: String]], [["qualifier": "BP", "id": "X1"], ["qualifier": "MG", "id": "MFR-77"]])
    }

    /// A set with no map is an error, not an empty array and exit 0.
    func testASetWithNoMapIsReported() throws {
        let result = try run("""
            ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATE        *261130*1200*U*00401*000000778*0*P*>~
            GS*PS*ACMERETAIL*EDIGATE*20261130*1200*778*X*004010~
            ST*830*0001~
            BFR*00*F-1**DL*A*20261201*20270101*20261130~
            SE*3*0001~
            GE*1*778~
            IEA*1*000000778~

            """)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("830 0001: no map for this transaction set"), result.stderr)
    }

    /// Outside the repository, with no maps folder at all, the built-in maps translate; `maps
    /// export` writes them out; a partner without a profile is refused rather than translated
    /// without its overrides.
    func testBuiltInMapsOutsideTheRepository() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("in.edi")
        try String(contentsOf: GatewayPipelineTests.repository.appendingPathComponent("Tests/Fixtures/x12-samples/850/node-x12__850.edi"), encoding: .utf8).write(toFile: path, atomically: true, encoding: .utf8)
        let binary = try EdigateBinary.locate()
        let translated = try EdigateBinary.run(binary, ["translate", path, "--compact"], in: directory.path(""))
        XCTAssertEqual(translated.status, 0, translated.stderr)
        XCTAssertTrue(translated.stdout.contains("\"poNumber\""), translated.stdout)

        let exported = try EdigateBinary.run(binary, ["maps", "export", directory.path("exported")], in: directory.path(""))
        XCTAssertEqual(exported.status, 0, exported.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path("exported")).sorted(), ["810-out.yaml", "816-in.yaml", "832-out.yaml", "846-out.yaml", "850-in.yaml", "855-out.yaml", "856-out.yaml", "860-in.yaml", "865-out.yaml"])
        let again = try EdigateBinary.run(binary, ["maps", "export", directory.path("exported")], in: directory.path(""))
        XCTAssertEqual(again.status, 1, "a second export must not replace the files")

        let unknown = try EdigateBinary.run(binary, ["translate", path, "--partner", "nosuch"], in: directory.path(""))
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no partner profile Partners/nosuch.yaml"), unknown.stderr)
        let typo = try EdigateBinary.run(binary, ["translate", path, "--maps", directory.path("nosuch")], in: directory.path(""))
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("no such folder"), typo.stderr)
    }

    /// The binary alone, copied where nothing else is: the maps and schemas are inside it.
    func testACopiedBinaryNeedsNoFilesBesideIt() throws {
        let directory = try TemporaryDirectory()
        let binary = directory.url.appendingPathComponent("edigate")
        try FileManager.default.copyItem(at: try EdigateBinary.locate(), to: binary)
        try FileManager.default.copyItem(at: GatewayPipelineTests.repository.appendingPathComponent("demo/globex-stores-850.edi"), to: directory.url.appendingPathComponent("po.edi"))
        var environment = ProcessInfo.processInfo.environment
        environment["EDIGATE_SCHEMAS"] = nil
        let validated = try EdigateBinary.run(binary, ["validate", directory.path("po.edi"), "--ack"], environment: environment, in: directory.path(""))
        XCTAssertEqual(validated.status, 0, validated.stderr)
        XCTAssertTrue(validated.stdout.contains("AK9|A|1|1|1"), validated.stdout)
        let translated = try EdigateBinary.run(binary, ["translate", directory.path("po.edi"), "--compact"], environment: environment, in: directory.path(""))
        XCTAssertEqual(translated.status, 0, translated.stderr)
        XCTAssertTrue(translated.stdout.contains("\"GX-20461\""), translated.stdout)
    }
}
