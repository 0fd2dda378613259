import Store
/// The handler's records, collected across its concurrent-safe calls.
actor RecordedPickups {
    var records: [(name: String, record: InboundRecord)] = []
    func append(name: String, _ record: InboundRecord) { records.append((name, record)) }
}
