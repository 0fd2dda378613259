/// A segment definition reduced to index ranges into the flat arrays of
/// `CompiledTransactionSet`, with its requirements as bit masks over element positions.
struct CompiledSegment: Sendable {
    var elementStart: Int32
    var elementCount: Int32
    var noteStart: Int32
    var noteCount: Int32
    /// Bit `p` set: element `p` (counted from 1) is mandatory.
    var mandatoryMask: UInt64
    /// `false` when the definition cannot be checked with masks (more than 63 elements, a
    /// syntax note naming a position twice): such segments always take the detailed check.
    var isScreenable: Bool
}

/// A syntax note as position masks (bit `p` = element `p`).
struct CompiledSyntaxNote: Sendable {
    var kind: SyntaxNote.Kind
    /// Every position of the note.
    var mask: UInt64
    /// The first position alone, and the others (conditional and list conditional notes).
    var firstMask: UInt64
    var restMask: UInt64

    /// Whether the note holds for the present elements.
    @inline(__always)
    func isMet(_ present: UInt64) -> Bool {
        let on = present & mask
        switch kind {
        case .paired: return on == 0 || on == mask
        case .required: return on != 0
        case .exclusion: return on & (on &- 1) == 0
        case .conditional: return present & firstMask == 0 || present & restMask == restMask
        case .listConditional: return present & firstMask == 0 || present & restMask != 0
        }
    }
}
