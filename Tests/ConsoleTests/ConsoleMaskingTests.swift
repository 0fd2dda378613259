import Foundation
import XCTest
@testable import Console

/// The masks themselves: prices in X12 and JSON (keys, amounts in text, JSON inside audit
/// details), parties for the ERP's token; nothing masked leaves the bytes as they were.
final class ConsoleMaskingTests: XCTestCase {
    let x12 = "ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATE        *261130*1200*U*00401*000000777*0*P*>~\n"
        + "GS*PO*ACMERETAIL*EDIGATE*20261130*1200*777*X*004010~\nST*850*0001~\nBEG*00*SA*PO-1**20261130~\nN1*ST*ACME STORE 12*92*0012~\n"
        + "N3*12 MAIN ST~\nN4*SPRINGFIELD*IL*62701*US~\nPO1*1*24*EA*10.50**BP*X1~\nCTT*1~\nSE*7*0001~\nGE*1*777~\nIEA*1*000000777~\n"

    func testX12() {
        let prices = String(decoding: ConsoleMasking(prices: true).interchange(Data(x12.utf8)), as: UTF8.self)
        XCTAssertTrue(prices.contains("PO1*1*24*EA*MASKED**BP*X1~"), prices)
        XCTAssertTrue(prices.contains("N1*ST*ACME STORE 12*92*0012~"), prices)
        let parties = String(decoding: ConsoleMasking(prices: true, parties: true).interchange(Data(x12.utf8)), as: UTF8.self)
        XCTAssertTrue(parties.contains("N1*ST*MASKED*92*0012~\nN3*MASKED~\nN4*MASKED*MASKED*MASKED*MASKED~"), parties)
        XCTAssertEqual(ConsoleMasking().interchange(Data(x12.utf8)), Data(x12.utf8))
    }

    func testJSON() throws {
        let json = #"{"details":"{\"findings\":[\"line 2: price 13.99 USD differs from our price 14.25 USD\"],\"total\":\"120.00\"}","lines":[{"quantity":12,"unitPrice":13.99}],"shipTo":{"name":"ACME STORE 12"}}"#
        let masked = String(decoding: ConsoleMasking(prices: true).json(Data(json.utf8)), as: UTF8.self)
        XCTAssertFalse(masked.contains("13.99") || masked.contains("14.25") || masked.contains("120.00"), masked)
        XCTAssertTrue(masked.contains(#""quantity":12"#), masked)
        XCTAssertTrue(masked.contains("ACME STORE 12"), masked)
        let parties = String(decoding: ConsoleMasking(parties: true).json(Data(json.utf8)), as: UTF8.self)
        XCTAssertFalse(parties.contains("ACME STORE 12"), parties)
        XCTAssertTrue(parties.contains("13.99"), parties)
    }
}
