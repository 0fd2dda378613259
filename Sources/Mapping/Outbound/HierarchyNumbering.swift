import X12

/// Numbers the HL tree of an 856 while it is written: HL01 counts up from 1 in the order
/// levels are written, HL02 names the enclosing level, HL03 is the level code the map's
/// `where` gives, and HL04 says whether children followed (1) or not (0).
struct HierarchyNumbering: Sendable {
    private(set) var count = 0
    /// HL01 of the levels open around the current point.
    private var open: [Int] = []
    /// Whether each open level has had a child written.
    private var hasChildren: [Int: Bool] = [:]
    private var pending = false

    var isOpenLevelPending: Bool { pending }

    /// A loop with trigger HL is about to be written; its HL segment rule opens the level.
    mutating func prepareLevel() { pending = true }

    mutating func openLevel(code: String) -> OutboundSegment {
        pending = false
        count += 1
        let parent = open.last
        if let parent { hasChildren[parent] = true }
        open.append(count)
        return OutboundSegment("HL", .simple(String(count)), .simple(parent.map(String.init) ?? ""), .simple(code), .simple("0"))
    }

    /// Ends the level whose segments are `body` (HL first) and sets its HL04.
    mutating func closeLevel(_ body: inout [OutboundSegment]) {
        pending = false
        guard let index = body.firstIndex(where: { $0.id == "HL" }), let id = open.popLast() else { return }
        body[index].elements[3] = .simple(hasChildren[id] == true ? "1" : "0")
    }
}
