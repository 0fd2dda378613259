import X12

/// Canonical document → one X12 interchange: outbound checks, the map, the envelope, and
/// then our own validator; only a document that passes all of them is returned.
public struct DocumentGenerator: Sendable {
    public let catalog: MapCatalog
    public let library: SchemaLibrary
    public let partner: String?

    public init(catalog: MapCatalog, library: SchemaLibrary, partner: String?) {
        self.catalog = catalog
        self.library = library
        self.partner = partner
    }

    /// The body of the set (between ST and SE) after the checks.
    public func body(_ document: CanonicalDocument, version: String) throws(GenerationError) -> [OutboundSegment] {
        let checked: CanonicalDocument
        do { checked = try OutboundChecks.check(document) } catch { throw .inconsistent(error) }
        let map: TransactionMap
        do { map = try catalog.map(transactionSet: document.type.transactionSet, direction: .outbound, partner: partner) } catch { throw .maps(error) }
        let value: CanonicalValue
        do { value = try checked.canonicalValue } catch { throw .document("\(error)") }
        do { return try MapWriter(map: map, version: version).write(value) } catch { throw .mapping(error) }
    }

    public func generate(_ document: CanonicalDocument, envelope: EnvelopeSettings) throws(GenerationError) -> [UInt8] {
        try generateInterchange(document, envelope: envelope).bytes
    }

    /// `generate`, returning the bytes with the control numbers written into them.
    public func generateInterchange(_ document: CanonicalDocument, envelope: EnvelopeSettings) throws(GenerationError) -> WrittenInterchange {
        try generateInterchange(try prepare(document, envelope: envelope), envelope: envelope)
    }

    /// A set's body checked, mapped and with its free text made safe for the envelope's
    /// delimiters: everything but the envelope, so that the outbox's transaction (which draws
    /// the control numbers) only wraps and validates it.
    public struct PreparedSet: Sendable {
        public let type: CanonicalDocumentType
        let version: String
        let delimiters: Delimiters
        let segments: [OutboundSegment]
        let adjustments: [String]
    }

    /// The body for `envelope`'s version and delimiters; its control numbers do not matter yet.
    public func prepare(_ document: CanonicalDocument, envelope: EnvelopeSettings) throws(GenerationError) -> PreparedSet {
        let type = document.type
        let sanitizer = FreeTextSanitizer(delimiters: envelope.delimiters, policy: envelope.delimiterInText,
                                          schema: library.schema(transactionSet: type.transactionSet, version: envelope.version))
        let segments: [OutboundSegment]
        let adjustments: [String]
        do { (segments, adjustments) = try sanitizer.sanitize(try body(document, version: envelope.version), transactionSet: type.transactionSet) } catch let refusal as FreeTextSanitizer.Refusal {
            throw .writer(refusal.description)
        } catch let error as GenerationError {
            throw error
        } catch {
            throw .writer("\(error)")
        }
        return PreparedSet(type: type, version: envelope.version, delimiters: envelope.delimiters, segments: segments, adjustments: adjustments)
    }

    /// A prepared body in its envelope, read back and validated.
    public func generateInterchange(_ prepared: PreparedSet, envelope: EnvelopeSettings) throws(GenerationError) -> WrittenInterchange {
        guard prepared.version == envelope.version, prepared.delimiters == envelope.delimiters else {
            throw .writer("the body was prepared for version \(prepared.version) with delimiters \(prepared.delimiters); the envelope is version \(envelope.version) with \(envelope.delimiters)")
        }
        let type = prepared.type
        let control = String(envelope.setControl).leftPadded(to: 4)
        let set = OutboundTransactionSet(type: type.transactionSet, control: control, body: prepared.segments)
        let group = OutboundGroup(parameters: GroupParameters(functionalID: type.functionalID, senderCode: envelope.senderGroupID, receiverCode: envelope.receiverGroupID, date: envelope.date, time: envelope.time, controlNumber: envelope.groupControl, version: envelope.version), transactionSets: [set])
        let parameters = InterchangeParameters(senderQualifier: envelope.senderQualifier, senderID: envelope.senderID, receiverQualifier: envelope.receiverQualifier, receiverID: envelope.receiverID, date: String(envelope.date.dropFirst(2)), time: envelope.time, version: envelope.interchangeVersion, controlNumber: envelope.interchangeControl, acknowledgmentRequested: envelope.acknowledgmentRequested, usage: envelope.usage)
        var written: WrittenInterchange
        do {
            written = try InterchangeWriter.compose(parameters, groups: [group], delimiters: envelope.delimiters)
        } catch {
            throw .writer("\(error)")
        }
        try validate(written.bytes)
        written.adjustments = prepared.adjustments
        return written
    }

    /// Reads the bytes back and runs the schema validator over them.
    public func validate(_ bytes: [UInt8]) throws(GenerationError) {
        let file: InterchangeFile
        do { file = try InterchangeFile.read(bytes: bytes, mode: .strict) } catch { throw .failsValidation(["cannot read back: \(error)"]) }
        var problems: [String] = file.errors.map { "\($0.code): \($0.message)" }
        let validator = InterchangeValidator(library: library)
        for result in validator.validate(file) {
            problems += result.envelopeErrors.map { "\($0.code): \($0.message)" }
            for group in result.groups {
                if !group.versionSupported { problems.append("group version \(group.version) has no schemas") }
                for set in group.sets {
                    problems += set.envelopeErrors.map { "\(set.type) \($0.code): \($0.message)" }
                    if set.errorCodes.contains("1") { problems.append("\(set.type) has no schema in \(group.version)") }
                    for e in set.segmentErrors {
                        let loop = e.loopID.map { " loop \($0)" } ?? ""
                        if e.elementErrors.isEmpty {
                            problems.append("\(set.type) segment \(e.position) \(e.segmentID)\(loop): AK304 \(e.code.rawValue): \(e.message)")
                        }
                        for el in e.elementErrors {
                            problems.append("\(set.type) segment \(e.position) \(e.segmentID)\(el.position < 10 ? "0" : "")\(el.position)\(loop): AK403 \(el.code.rawValue): \(el.message)" + (el.value.map { " [\($0)]" } ?? ""))
                        }
                    }
                }
            }
        }
        if file.interchanges.isEmpty { problems.append("no interchange written") }
        if !problems.isEmpty { throw .failsValidation(problems) }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
