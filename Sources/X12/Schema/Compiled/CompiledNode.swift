/// One entry of a set's table (a segment use or a loop), flattened: loops point at their
/// entries as a range of `CompiledTransactionSet.nodes`.
struct CompiledNode: Sendable {
    /// `SegmentKey` of the entry's trigger segment.
    var key: UInt32
    /// Index in `CompiledTransactionSet.segments` of the trigger's definition, -1 if none.
    var definition: Int32
    var isMandatory: Bool
    var isLoop: Bool
    /// Maximum use of a segment, maximum repetitions of a loop.
    var maximum: Int
    /// Loops: their entries.
    var contentStart: Int32
    var contentCount: Int32
    /// Index in `CompiledTransactionSet.names`: the trigger's ID, and for loops the loop ID.
    var triggerName: Int32
    var loopName: Int32
}
