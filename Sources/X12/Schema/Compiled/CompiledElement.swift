/// One element position or one composite component, reduced to small integers so that
/// reading it copies a few words and touches no reference count.
struct CompiledElement: Sendable {
    enum Kind: UInt8, Sendable {
        case alphanumeric, identifier, numeric, decimal, date, time, binary, composite
    }

    var kind: Kind
    var isMandatory: Bool
    var minLength: Int32
    var maxLength: Int32
    /// Repeats allowed (5010 repetition separator).
    var maxRepeat: Int
    /// Index in `CompiledTransactionSet.codeLists`, or -1 when the codes are not checked.
    var codeList: Int32
    /// Composites: their components in `CompiledTransactionSet.components`.
    var componentStart: Int32
    var componentCount: Int32

    init(_ simple: SimpleElementDefinition, maxRepeat: Int, codeList: Int32) {
        switch simple.type {
        case .alphanumeric: kind = .alphanumeric
        case .identifier: kind = .identifier
        case .numeric: kind = .numeric
        case .decimal: kind = .decimal
        case .date: kind = .date
        case .time: kind = .time
        case .binary: kind = .binary
        }
        isMandatory = simple.usage == .mandatory
        minLength = Int32(clamping: simple.minLength)
        maxLength = Int32(clamping: simple.maxLength)
        self.maxRepeat = maxRepeat
        self.codeList = codeList
        componentStart = 0
        componentCount = 0
    }

    init(compositeUsage usage: Usage, maxRepeat: Int, componentStart: Int, componentCount: Int) {
        kind = .composite
        isMandatory = usage == .mandatory
        minLength = 0
        maxLength = 0
        self.maxRepeat = maxRepeat
        codeList = -1
        self.componentStart = Int32(componentStart)
        self.componentCount = Int32(componentCount)
    }
}
