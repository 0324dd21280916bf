/// An untyped value read from a data file, before it is checked against a policy's record schema.
///
/// Numbers keep the literal text of the input, so that later stages convert them exactly and never through `Double`.
public enum DataValue: Sendable, Equatable {
    /// JSON `null`, or an empty CSV cell.
    case null
    /// JSON `true` or `false`.
    case bool(Bool)
    /// A JSON number literal exactly as written, already checked against the JSON number grammar.
    case number(String)
    /// A JSON string, with its escapes decoded.
    case string(String)
    /// A non-empty CSV cell: untyped text, converted later according to the field's type.
    case cell(String)
    /// A JSON array.
    case array([DataValue])
    /// A JSON object.
    case object(DataObject)
}

/// An object's members in input order; a duplicate key is a record error, so keys are unique.
public struct DataObject: Sendable, Equatable {
    /// The members in the order they appear in the input.
    public var members: [DataMember]

    public init(members: [DataMember] = []) {
        self.members = members
    }

    /// The value of the member named `key`, or nil when the object has no such member.
    public func value(for key: String) -> DataValue? {
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }
}

/// One `key: value` member of a `DataObject`.
public struct DataMember: Sendable, Equatable {
    public var key: String
    public var value: DataValue

    public init(key: String, value: DataValue) {
        self.key = key
        self.value = value
    }
}
