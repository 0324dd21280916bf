/// Converts one scalar data value to the runtime value of a field type, checking ranges and integrality.
enum FieldConversion {
    static func scalar(_ value: DataValue, _ type: FieldType, name: String) throws(RecordError) -> Value {
        switch type {
        case .text:
            switch value {
            case .string(let text), .cell(let text): return .text(text)
            default: throw mismatch(name, type, value)
            }
        case .boolean:
            switch value {
            case .bool(let flag): return .boolean(flag)
            case .cell(let text):
                switch text.trimmingSpaces.lowercased() {
                case "true", "ya", "1": return .boolean(true)
                case "false", "tidak", "0": return .boolean(false)
                default: throw mismatch(name, type, value)
                }
            default: throw mismatch(name, type, value)
            }
        case .date:
            switch value {
            case .string(let text), .cell(let text):
                guard let days = CalendarDate.days(from: text.trimmingSpaces) else {
                    throw RecordError(code: "R003", field: name, message: "'\(name)' is not a date YYYY-MM-DD: \"\(text.prefix(40))\"")
                }
                return .date(days)
            default: throw mismatch(name, type, value)
            }
        case .scale(let scale):
            switch value {
            case .string(let text), .cell(let text):
                guard let index = scale.index(of: text.trimmingSpaces) else {
                    throw RecordError(code: "R003", field: name, message:
                        "'\(name)' must be one of \(scale.members.map(\.name).joined(separator: ", ")), found \"\(text.prefix(40))\"")
                }
                return .member(index)
            default: throw mismatch(name, type, value)
            }
        case .number, .integer, .count, .percent, .score, .duration:
            return .number(try number(value, type, name: name))
        case .list:
            throw mismatch(name, type, value)
        }
    }

    private static func number(_ value: DataValue, _ type: FieldType, name: String) throws(RecordError) -> Number {
        let text: Substring
        switch value {
        case .number(let literal): text = Substring(literal)
        case .cell(let cell): text = Substring(cell.trimmingSpaces)
        default: throw mismatch(name, type, value)
        }
        let parsed: Number?
        do { parsed = try Number.parse(text) } catch {
            throw RecordError(code: "R004", field: name, message: "'\(name)' is too large or too precise: \(text.prefix(40))")
        }
        guard let number = parsed else { throw mismatch(name, type, value) }
        return try constrained(number, type, name: name, text: { text })
    }

    /// Checks a number against its field type (whole, not negative, within the score's range) and converts it to
    /// its stored form (percent points to a share, a duration to seconds). `text` gives the number as written, for
    /// messages only.
    static func constrained(_ number: Number, _ type: FieldType, name: String,
                            text: () -> Substring) throws(RecordError) -> Number {
        switch NumberRule(type).apply(number) {
        case .success(let stored): return stored
        case .failure(.notWhole):
            throw RecordError(code: "R003", field: name, message: "'\(name)' must be a whole number, found \(text())")
        case .failure(.negative):
            throw RecordError(code: "R003", field: name, message: "'\(name)' cannot be negative, found \(text())")
        case .failure(.outOfRange(let lower, let upper)):
            throw RecordError(code: "R003", field: name,
                              message: "'\(name)' must be between \(lower) and \(upper), found \(text())")
        case .failure(.tooLarge):
            throw RecordError(code: "R004", field: name,
                              message: "'\(name)' is too large or too precise: \(text().prefix(40))")
        }
    }

    static func mismatch(_ name: String, _ type: FieldType, _ value: DataValue) -> RecordError {
        RecordError(code: "R002", field: name, message: "'\(name)' must be \(type.name), found \(value.kindName)")
    }
}
