import XCTest
@testable import X12

/// The quick BEG03 scan agrees with a proper read, and gives up (nil) rather than guess.
final class SegmentValueScanTests: XCTestCase {
    func testAgreesWithAProperReadAcrossInterchangesAndDelimiters() throws {
        let first = "ISA*00*          *00*          *ZZ*ACME           *ZZ*US             *261130*1200*U*00401*000000001*0*P*>~\n"
            + "GS*PO*ACME*US*20261130*1200*1*X*004010~\nST*850*0001~\nBEG*00*SA*PO-1**20261130~\nSE*3*0001~\n"
            + "ST*850*0002~\nBEG*00*SA*PO-2**20261130~\nSE*3*0002~\nST*997*0003~\nAK1*PO*9~\nSE*3*0003~\nGE*3*1~\nIEA*1*000000001~\n"
        let second = "ISA|00|          |00|          |ZZ|ACME           |ZZ|US             |261130|1200|^|00501|000000002|0|P|:'"
            + "GS|PO|ACME|US|20261130|1200|2|X|005010'ST|850|0001'BEG|00|SA|PO-3||20261130'SE|3|0001'GE|1|2'IEA|1|000000002'"
        let bytes = Array((first + second).utf8)
        let scan = try XCTUnwrap(SegmentValueScan.values(of: "BEG", element: 3, inSetsOf: "850", in: bytes))
        XCTAssertEqual(scan.values, ["PO-1", "PO-2", "PO-3"])
        XCTAssertEqual(scan.sets, 3)
        let read = try InterchangeFile.read(bytes: bytes)
        let proper = read.interchanges.flatMap { $0.groups.flatMap { $0.transactionSets.filter { $0.type == "850" }.compactMap { $0.segments.first { $0.idString == "BEG" }?[3] } } }
        XCTAssertEqual(scan.values, proper)
    }

    func testGivesUpOnWhatIsNotPlainlyX12() {
        XCTAssertNil(SegmentValueScan.values(of: "BEG", element: 3, inSetsOf: "850", in: Array("not x12 at all".utf8)))
        XCTAssertNil(SegmentValueScan.values(of: "BEG", element: 3, inSetsOf: "850", in: Array("ISA*00*short~".utf8)))
        // An 850 without a BEG: one set, no value — the caller reads the file properly.
        let noBEG = "ISA*00*          *00*          *ZZ*ACME           *ZZ*US             *261130*1200*U*00401*000000001*0*P*>~"
            + "GS*PO*ACME*US*20261130*1200*1*X*004010~ST*850*0001~PO1*1*1*EA~SE*3*0001~GE*1*1~IEA*1*000000001~"
        let scan = SegmentValueScan.values(of: "BEG", element: 3, inSetsOf: "850", in: Array(noBEG.utf8))
        XCTAssertEqual(scan?.sets, 1)
        XCTAssertEqual(scan?.values, [])
    }
}
