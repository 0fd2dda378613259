import XCTest
@testable import Mapping

/// Broken maps are reported as file:line: message, every problem at once.
final class MalformedMapTests: XCTestCase {
    func errors(_ text: String, override: Bool = false) -> [String] {
        do {
            _ = try MapLoader.parse(text: text, file: "Maps/bad.yaml", isOverride: override)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    func testYAMLSyntaxErrorHasItsLine() {
        let e = errors("transactionSet: \"850\"\ndocument: PurchaseOrder\nrules:\n  - id: a\n    segment: [BEG\n")
        XCTAssertEqual(e.count, 1)
        XCTAssertTrue(e[0].hasPrefix("Maps/bad.yaml:6: YAML syntax") || e[0].hasPrefix("Maps/bad.yaml:5: YAML syntax"), "\(e)")
    }

    func testEachProblemAtItsLine() {
        let text = """
        transactionSet: "850"
        document: PurchaseOrder
        rules:
          - id: header
            segment: BEG
            elements:
              3: poNumber
              x: poDate
          - id: header
            segment: CUR
            colour: red
            elements:
              2: { field: currency, format: money }
          - id: lines
            loop: PO1
            array: lines
          - segment: DTM
            elements: { 2: requestedShipDate }
          - id: nothing
            segment: REF
        """
        XCTAssertEqual(errors(text), [
            "Maps/bad.yaml:8: elements: 'x' is not an element position like 3 or 5.2",
            "Maps/bad.yaml:11: unknown key 'colour' (expected one of: \(MapLoader.ruleKeys.joined(separator: ", ")))",
            "Maps/bad.yaml:13: format: 'money' is not one of text, decimal, integer, cents, date",
            "Maps/bad.yaml:9: rule id 'header' is used twice at the same level",
            "Maps/bad.yaml:14: rule lines: a loop rule needs 'rules' or 'use'",
            "Maps/bad.yaml:17: every rule needs 'id'",
            "Maps/bad.yaml:19: rule nothing: a segment rule needs 'elements' or 'qualifiers'",
        ])
    }

    func testUnknownFieldsAreCaughtAgainstTheDocument() throws {
        let file = try MapLoader.parse(text: """
            transactionSet: "850"
            document: PurchaseOrder
            rules:
              - id: header
                segment: BEG
                elements:
                  3: poNumbr
              - id: lines
                loop: PO1
                array: lines
                rules:
                  - id: item
                    segment: PO1
                    elements: { 1: lineNumber }
                    qualifiers: { positions: [6], codes: { BP: buyerPart } }
            """, file: "Maps/bad.yaml")
        XCTAssertThrowsError(try MapFieldCheck.check(try file.asMap())) { error in
            let lines = (error as! MapErrors).errors.map(\.description)
            XCTAssertEqual(lines, ["Maps/bad.yaml:7: PurchaseOrder has no field 'poNumbr'", "Maps/bad.yaml:15: PurchaseOrder has no field 'buyerPart'"])
        }
    }

    func testOverrideNamingAMissingRule() throws {
        let base = try MapLoader.parse(text: DefaultMaps.text("850-in.yaml")!, file: "850-in.yaml").asMap()
        let override = try MapLoader.parse(text: """
            remove: [nosuch]
            rules:
              - id: lines/po9
                after: lines/nowhere
                segment: PO1
                elements: { 1: lineNumber }
            """, file: "Maps/p/850-in.yaml", isOverride: true)
        XCTAssertThrowsError(try MapOverlay.apply(override, to: base)) { error in
            XCTAssertEqual((error as! MapErrors).errors.map(\.description), [
                "Maps/p/850-in.yaml:1: no rule 'nosuch' in the default map to override, remove or place against",
                "Maps/p/850-in.yaml:3: no rule 'lines/nowhere' in the default map to override, remove or place against",
            ])
        }
    }

    func testMissingTopLevelKeysAndDefaultOnlyFeatures() {
        XCTAssertEqual(errors("rules: []\nremove: [a]\n"), [
            "Maps/bad.yaml:2: remove: only a partner's override map can remove rules",
            "Maps/bad.yaml:1: a map needs 'transactionSet'",
            "Maps/bad.yaml:1: a map needs 'document'",
        ])
        XCTAssertEqual(errors("transactionSet: \"850\"\ndocument: Order\nrules: []\n"), ["Maps/bad.yaml:2: document: 'Order' is not one of PurchaseOrder, OrderAcknowledgment, ShipNotice, Invoice, ChangeOrder, ChangeAcknowledgment, InventoryAdvice, PriceCatalog, LocationList"])
    }

    func testShippedMapsAndOverridesAreClean() {
        XCTAssertEqual(MappingTestSupport.catalog.checkAll(partner: "globex-stores").map(\.description), [])
        XCTAssertEqual(MappingTestSupport.catalog.checkAll(partner: "acme-retail").map(\.description), [])
    }
}
