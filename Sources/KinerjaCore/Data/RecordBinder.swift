/// Why an input record could not be evaluated: a data problem (bad JSON, wrong type, out of range, missing
/// field) or an evaluation problem (division by zero). The batch goes on with the next record.
public struct RecordError: Error, Sendable, Equatable {
    public var code: String
    /// The field concerned, with an index for list items: `peers[2]`.
    public var field: String?
    public var message: String
    /// Where in the policy an evaluation error happened.
    public var span: SourceSpan?
    /// Where in the input a data error is, when it is not where the record starts.
    public var line: Int?
    public var column: Int?

    public init(code: String, field: String? = nil, message: String, span: SourceSpan? = nil) {
        self.code = code
        self.field = field
        self.message = message
        self.span = span
    }

    /// The same error about one item of a list: `'peers'` becomes `'peers[2]'`.
    func naming(item: String, of list: String) -> RecordError {
        var renamed = self
        renamed.field = item
        renamed.message = message.replacingAll("'\(list)'", with: "'\(item)'")
        return renamed
    }

    init(_ error: DataError) {
        self.init(code: error.code.rawValue, message: error.message)
        line = error.line
        column = error.column
    }

    init(_ error: EvaluationError) {
        let code = switch error.kind {
        case .divisionByZero: "R101"
        case .overflow: "R102"
        case .stepLimit: "R103"
        }
        self.init(code: code, message: error.message, span: error.span)
    }
}

/// Checks an untyped data record against a policy's record schema and puts each field's value, converted to
/// its exact runtime form (durations in seconds, percents as shares), into the frame's field slots.
public struct RecordBinder: Sendable {
    public let schema: RecordSchema
    private let slots: [String: Int]
    /// The most items a list field may have.
    public let maxListItems: Int

    public init(schema: RecordSchema, maxListItems: Int = DataLimits.default.maxListItems) {
        self.schema = schema
        self.maxListItems = maxListItems
        slots = schema.slotsByName
    }

    /// Fills `fields` (one slot per schema field); throws the first problem found.
    public func bind(_ object: DataObject, into fields: FrameSlots<Value>) throws(RecordError) {
        for index in fields.indices { fields[index] = .absent }
        var seen = [Bool](repeating: false, count: schema.fields.count)
        for member in object.members {
            guard let slot = slots[member.key] else { continue }
            seen[slot] = true
            let field = schema.fields[slot]
            fields[slot] = try convert(member.value, field.type, optional: field.isOptional, name: field.name)
        }
        for (slot, field) in schema.fields.enumerated() where !seen[slot] {
            if case .list(let element) = field.type, field.isOptional {
                fields[slot] = .emptyList(of: element)
            } else if !field.isOptional {
                throw RecordError(code: "R001", field: field.name,
                                  message: "required field '\(field.name)' is missing or empty")
            }
        }
    }

    /// The record's key (NIP) if it can be read, for labelling error results.
    public func key(of object: DataObject) -> String? {
        guard let keyIndex = schema.keyIndex else { return nil }
        switch object.value(for: schema.fields[keyIndex].name) {
        case .string(let text)?, .cell(let text)?: return text
        default: return nil
        }
    }

    private func convert(_ value: DataValue, _ type: FieldType, optional: Bool, name: String) throws(RecordError) -> Value {
        if case .null = value {
            if case .list(let element) = type { return .emptyList(of: element) }
            guard optional else {
                throw RecordError(code: "R001", field: name, message: "required field '\(name)' is missing or empty")
            }
            return .absent
        }
        if case .list(let element) = type {
            let items: [DataValue]
            switch value {
            case .array(let array): items = array
            case .cell(let text): items = Self.splitListCell(text)
            default: throw FieldConversion.mismatch(name, type, value)
            }
            guard items.count <= maxListItems else {
                throw RecordError(code: "R005", field: name, message:
                    "'\(name)' has \(items.count) items, more than the limit of \(maxListItems) (--max-list-items)")
            }
            var converted: [Value] = []
            var numbers: [Number] = []
            converted.reserveCapacity(items.count)
            for (position, item) in items.enumerated() {
                if case .null = item {
                    let itemName = "\(name)[\(position)]"
                    throw RecordError(code: "R002", field: itemName, message: "'\(itemName)' is null")
                }
                do {
                    switch try convert(item, element, optional: false, name: name) {
                    case .number(let number): numbers.append(number)
                    case let value: converted.append(value)
                    }
                } catch {
                    // Name the item only when it is wrong: building the name for every item is costly.
                    throw error.naming(item: "\(name)[\(position)]", of: name)
                }
            }
            return element.isNumeric ? .numbers(numbers) : .list(converted)
        }
        return try FieldConversion.scalar(value, type, name: name)
    }

    /// A CSV cell holding a list: items separated by '|'; an empty cell is an empty list.
    static func splitListCell(_ text: String) -> [DataValue] {
        var text = text
        return text.withUTF8 { bytes in
            let whole = trimmed(bytes, 0..<bytes.count)
            guard !whole.isEmpty else { return [] }
            var items: [DataValue] = []
            var start = whole.lowerBound
            for index in whole where bytes[index] == UInt8(ascii: "|") {
                items.append(.cell(String(decoding: bytes[trimmed(bytes, start..<index)], as: UTF8.self)))
                start = index + 1
            }
            items.append(.cell(String(decoding: bytes[trimmed(bytes, start..<whole.upperBound)], as: UTF8.self)))
            return items
        }
    }

    /// `range` without the spaces and tabs at either end.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower] == UInt8(ascii: " ") || bytes[lower] == UInt8(ascii: "\t") { lower += 1 }
        while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") || bytes[upper - 1] == UInt8(ascii: "\t") { upper -= 1 }
        return lower..<upper
    }
}

extension DataValue {
    /// The JSON kind of a value, for messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number(let text): "the number \(text)"
        case .string(let text): "the text \"\(text.prefix(40))\""
        case .cell(let text): "\"\(text.prefix(40))\""
        case .array: "a list"
        case .object: "an object"
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var text = self
        return text.withUTF8 { bytes in
            let range = RecordBinder.trimmed(bytes, 0..<bytes.count)
            return range.count == bytes.count ? self : String(decoding: bytes[range], as: UTF8.self)
        }
    }

}
