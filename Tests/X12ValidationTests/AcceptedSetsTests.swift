import XCTest
@testable import X12

/// The library knows sets the gateway only sends (846, 832, 865) and sets it reads for some
/// partners only; a receiver's `acceptedSets` makes every other set AK5 1 (not supported),
/// so nothing is acknowledged as accepted that no one will process.
final class AcceptedSetsTests: XCTestCase {
    static let changeOrder = TestSupport.interchange4010([
        "BCH*04*SA*PO-1**1*20261125",
        "POC*1*QI*30**EA*12.5**BP*ITEM-1",
        "CTT*1",
    ], functionalID: "PC", type: "860")

    func testASetWithASchemaIsAcceptedOnlyWhereTheReceiverTakesIt() throws {
        let file = try InterchangeFile.read(bytes: Array(Self.changeOrder.utf8))
        let open = InterchangeValidator(library: TestSupport.library).validate(file)
        XCTAssertEqual(open.first?.groups.first?.sets.first?.acknowledgmentCode, "A")

        let restricted = InterchangeValidator(library: TestSupport.library, acceptedSets: ["850", "997"]).validate(file)
        let set = try XCTUnwrap(restricted.first?.groups.first?.sets.first)
        XCTAssertEqual(set.acknowledgmentCode, "R")
        XCTAssertEqual(set.errorCodes, ["1"])
        XCTAssertEqual(restricted.first?.groups.first?.acknowledgmentCode, "R")

        let taken = InterchangeValidator(library: TestSupport.library, acceptedSets: ["850", "860"]).validate(file)
        XCTAssertEqual(taken.first?.groups.first?.sets.first?.acknowledgmentCode, "A")
    }

    /// The 997 says so in the partner's terms: AK5*R*1, AK9*R.
    func testThe997SaysNotSupported() throws {
        let file = try InterchangeFile.read(bytes: Array(Self.changeOrder.utf8))
        let results = InterchangeValidator(library: TestSupport.library, acceptedSets: ["850"]).validate(file)
        var numbers = InMemoryControlNumberSource(start: 7)
        let acks = try AcknowledgmentBuilder(options: AcknowledgmentOptions(), timestamp: TestSupport.timestamp).build(for: results, controlNumbers: &numbers)
        let text = String(decoding: acks.flatMap(\.bytes), as: UTF8.self)
        XCTAssertTrue(text.contains("AK2*860*0001"), text)
        XCTAssertTrue(text.contains("AK5*R*1"), text)
        XCTAssertTrue(text.contains("AK9*R*1*1*0"), text)
    }
}
