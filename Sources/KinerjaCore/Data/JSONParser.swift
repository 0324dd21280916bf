/// A strict RFC 8259 JSON parser over bytes in memory, used for one record at a time.
///
/// It is iterative, with an explicit stack of open containers, so nesting depth costs heap memory up to
/// `maxDepth` and never stack: a 100,000-deep `[[[…` fails at the limit at once. Errors are thrown as
/// `DataIssue`s at byte offsets; the reader turns them into lines and columns. Numbers keep their literal text.
struct JSONParser {
    /// What parsing one record gave.
    enum RecordResult {
        /// The bytes hold only whitespace.
        case blank
        case record(DataObject)
        case failure(DataIssue)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    let end: Int
    private let maxDepth: Int

    init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, maxDepth: Int) {
        self.bytes = bytes
        self.index = range.lowerBound
        self.end = range.upperBound
        self.maxDepth = max(1, maxDepth)
    }

    /// Parses one record that fills `range`: an object with nothing but whitespace around it.
    static func parseRecord(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, maxDepth: Int,
                            workspace: inout Workspace) -> RecordResult {
        var parser = JSONParser(bytes: bytes, range: range, maxDepth: maxDepth)
        parser.skipWhitespace()
        guard parser.index < parser.end else { return .blank }
        let start = parser.index
        do throws(DataIssue) {
            let value = try parser.parseValue(using: &workspace)
            parser.skipWhitespace()
            if parser.index < parser.end {
                throw parser.unexpected(at: parser.index, DataProblem.textAfterRecord)
            }
            guard case .object(let object) = value else {
                return .failure(DataIssue(.notAnObject(found: Self.kind(of: value)), at: start))
            }
            return .record(object)
        } catch {
            return .failure(error)
        }
    }

    /// Parses a string literal that fills `range` (with optional whitespace around it).
    static func parseString(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Result<String, DataIssue> {
        var parser = JSONParser(bytes: bytes, range: range, maxDepth: 1)
        parser.skipWhitespace()
        do throws(DataIssue) {
            guard parser.index < parser.end, bytes[parser.index] == UInt8(ascii: "\"") else {
                throw parser.unexpected(at: parser.index) { .expected("a string", found: $0) }
            }
            let text = try parser.parseStringLiteral()
            parser.skipWhitespace()
            if parser.index < parser.end {
                throw parser.unexpected(at: parser.index, DataProblem.textAfterRecord)
            }
            return .success(text)
        } catch {
            return .failure(error)
        }
    }

    /// The JSON name of a value's kind, for messages: "object", "array", "string", …
    static func kind(of value: DataValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string, .cell: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    // MARK: - Structure

    /// Scratch storage a reader keeps from record to record, so that the stack of open containers is not
    /// allocated again for every record.
    struct Workspace {
        fileprivate var containers: [OpenContainer] = []
    }

    /// An array or object that has been opened and not yet closed.
    fileprivate struct OpenContainer {
        var isObject: Bool
        var elements: [DataValue] = []
        var members: [DataMember] = []
        /// The key of the member whose value is being parsed.
        var key = ""
        /// The keys seen so far, built once an object is large enough for linear duplicate checks to cost.
        var keySet: Set<String>?
    }

    /// Parses one value of any kind, starting at `index` (after optional whitespace).
    mutating func parseValue(using workspace: inout Workspace) throws(DataIssue) -> DataValue {
        workspace.containers.removeAll(keepingCapacity: true)
        nextValue: while true {
            skipWhitespace()
            guard index < end else { throw unexpected(at: index) { .expected("a value", found: $0) } }
            var value: DataValue
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard workspace.containers.count < maxDepth else {
                    throw DataIssue(.nestingTooDeep(limit: maxDepth), at: index)
                }
                let isObject = bytes[index] == UInt8(ascii: "{")
                index += 1
                skipWhitespace()
                if index < end && bytes[index] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    index += 1
                    value = isObject ? .object(DataObject()) : .array([])
                } else {
                    workspace.containers.append(OpenContainer(isObject: isObject))
                    if isObject { try parseMemberName(using: &workspace) }
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                value = .string(try parseStringLiteral())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            default:
                value = try parseLiteral()
            }
            // Add the value to the innermost open container, closing containers that end here.
            while !workspace.containers.isEmpty {
                let top = workspace.containers.count - 1
                let isObject = workspace.containers[top].isObject
                if isObject {
                    let key = workspace.containers[top].key
                    workspace.containers[top].members.append(DataMember(key: key, value: value))
                } else {
                    workspace.containers[top].elements.append(value)
                }
                skipWhitespace()
                let next: UInt8? = index < end ? bytes[index] : nil
                let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if next == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace()
                    if index < end && bytes[index] == closer {
                        throw DataIssue(.trailingComma(before: Character(Unicode.Scalar(closer))), at: index)
                    }
                    if isObject { try parseMemberName(using: &workspace) }
                    continue nextValue
                }
                guard next == closer else {
                    throw unexpected(at: index) {
                        isObject
                            ? .expected("',' or '}' after object member", found: $0)
                            : .expected("',' or ']' after array element", found: $0)
                    }
                }
                index += 1
                let container = workspace.containers.removeLast()
                value = isObject ? .object(DataObject(members: container.members)) : .array(container.elements)
            }
            return value
        }
    }

    /// Parses `"key" :`, checks that the innermost object has no member with that key yet,
    /// and makes it the key of the member whose value comes next.
    private mutating func parseMemberName(using workspace: inout Workspace) throws(DataIssue) {
        guard index < end, bytes[index] == UInt8(ascii: "\"") else {
            throw unexpected(at: index) { .expected("a member name in double quotes", found: $0) }
        }
        let keyStart = index
        let key = try parseStringLiteral()
        let top = workspace.containers.count - 1
        if workspace.containers[top].isDuplicate(key) {
            throw DataIssue(.duplicateKey(key), at: keyStart)
        }
        workspace.containers[top].key = key
        skipWhitespace()
        guard index < end, bytes[index] == UInt8(ascii: ":") else {
            throw unexpected(at: index) { .expected("':' after member name", found: $0) }
        }
        index += 1
    }

    // MARK: - Shared helpers

    mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                index += 1
            default:
                return
            }
        }
    }

    /// An issue about the character at `offset`: a comment or single quote gets its own message, and a byte that is
    /// not valid UTF-8 an invalid UTF-8 issue.
    func unexpected(at offset: Int, _ problem: (String) -> DataProblem) -> DataIssue {
        if offset < end && bytes[offset] == UInt8(ascii: "/") {
            return DataIssue(.commentNotAllowed(), at: offset)
        }
        if offset < end && bytes[offset] == UInt8(ascii: "'") {
            return DataIssue(.singleQuotedString(), at: offset)
        }
        guard let found = UTF8Bytes.describe(bytes, at: offset, end: end) else {
            return DataIssue(.invalidUTF8(bytes[offset]), at: offset)
        }
        return DataIssue(problem(found), at: offset)
    }
}

extension JSONParser.OpenContainer {
    /// Whether the object already has a member named `key`; remembers the key when the object is large.
    fileprivate mutating func isDuplicate(_ key: String) -> Bool {
        if keySet == nil {
            if members.count < 12 {
                return members.contains { $0.key == key }
            }
            keySet = Set(members.map(\.key))
        }
        return keySet?.insert(key).inserted == false
    }
}
