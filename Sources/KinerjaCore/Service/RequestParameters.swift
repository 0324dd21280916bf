/// The named parameters of one request, read with the types a method expects. An unknown, missing or
/// mistyped parameter is an invalid-params error that names it, so a typo never passes silently.
struct RequestParameters {
    private let members: DataObject

    /// Accepts `params` when it is an object (or absent) whose members are all in `allowed`.
    init(_ params: DataValue?, allowed: [String]) throws(ServiceError) {
        switch params {
        case nil: members = DataObject()
        case .object(let object)?: members = object
        default: throw .invalidParams("'params' must be an object: parameters are named")
        }
        for member in members.members where !allowed.contains(member.key) {
            throw .invalidParams("unknown parameter '\(member.key)'", parameter: member.key)
        }
    }

    func string(_ name: String) throws(ServiceError) -> String? {
        switch members.value(for: name) {
        case nil: return nil
        case .string(let text)?: return text
        case let other?: throw mistyped(name, "a string", other)
        }
    }

    func boolean(_ name: String) throws(ServiceError) -> Bool? {
        switch members.value(for: name) {
        case nil: return nil
        case .bool(let flag)?: return flag
        case let other?: throw mistyped(name, "a boolean", other)
        }
    }

    func object(_ name: String) throws(ServiceError) -> DataObject? {
        switch members.value(for: name) {
        case nil: return nil
        case .object(let object)?: return object
        case let other?: throw mistyped(name, "an object", other)
        }
    }

    func array(_ name: String) throws(ServiceError) -> [DataValue]? {
        switch members.value(for: name) {
        case nil: return nil
        case .array(let items)?: return items
        case let other?: throw mistyped(name, "an array", other)
        }
    }

    /// A parameter that must be given.
    func required<Value>(_ name: String, _ read: (Self) -> (String) throws(ServiceError) -> Value?)
        throws(ServiceError) -> Value {
        guard let value = try read(self)(name) else {
            throw .invalidParams("missing parameter '\(name)'", parameter: name)
        }
        return value
    }

    private func mistyped(_ name: String, _ expected: String, _ found: DataValue) -> ServiceError {
        .invalidParams("parameter '\(name)' must be \(expected), found \(JSONParser.kind(of: found))", parameter: name)
    }
}
