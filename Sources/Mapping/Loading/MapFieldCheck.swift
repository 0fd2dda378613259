/// Checks that every field a map binds exists in its canonical document, so a typo in a
/// map is an error with its line rather than a silently empty field.
enum MapFieldCheck {
    static func check(_ map: TransactionMap) throws(MapErrors) {
        var errors: [MapError] = []
        check(map.rules, shape: DocumentShape.of(map.document), root: DocumentShape.of(map.document), document: map.document.rawValue, errors: &errors)
        if !errors.isEmpty { throw MapErrors(errors) }
    }

    static func check(_ rules: [MapRule], shape: DocumentShape, root: DocumentShape, document: String, errors: inout [MapError]) {
        for rule in rules {
            if let with = rule.onlyWith, shape.resolve(with) == nil {
                errors.append(.unknownField(rule.location, path: with, document: document))
            }
            switch rule.kind {
            case .segment(let segment):
                for binding in segment.elements {
                    switch binding.source {
                    case .field(let path):
                        if shape.resolve(path) == nil { errors.append(.unknownField(binding.location, path: path, document: document)) }
                    case .count(let path):
                        if root.resolve(path)?.arrayItem == nil { errors.append(.unknownField(binding.location, path: path, document: document + " (an array)")) }
                    default: break
                    }
                    if let with = binding.onlyWith, shape.resolve(with) == nil {
                        errors.append(.unknownField(binding.location, path: with, document: document))
                    }
                }
                if let all = segment.qualified?.all, shape.resolve(all)?.arrayItem?.resolve("qualifier") == nil {
                    errors.append(.unknownField(segment.qualified!.location, path: all, document: document))
                }
                for code in segment.qualified?.codes ?? [] where shape.resolve(code.field) == nil {
                    errors.append(.unknownField(segment.qualified!.location, path: code.field, document: document))
                }
            case .loop(let loop):
                switch loop.target {
                case .inline:
                    check(loop.rules, shape: shape, root: root, document: document, errors: &errors)
                case .object(let path):
                    if let inner = shape.resolve(path), case .object = inner {
                        check(loop.rules, shape: inner, root: root, document: document, errors: &errors)
                    } else {
                        errors.append(.unknownField(rule.location, path: path, document: document + " (an object)"))
                    }
                case .array(let path):
                    if let item = shape.resolve(path)?.arrayItem {
                        check(loop.rules, shape: item, root: root, document: document, errors: &errors)
                    } else {
                        errors.append(.unknownField(rule.location, path: path, document: document + " (an array)"))
                    }
                }
            }
        }
    }
}
