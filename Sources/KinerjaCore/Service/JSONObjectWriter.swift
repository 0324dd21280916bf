/// Writes one JSON object into bytes, member by member, in the order the members are added, so responses are
/// deterministic. Values are written with `JSONText`; nested JSON already written elsewhere goes in with `raw`.
struct JSONObjectWriter {
    private var buffer: [UInt8] = [UInt8(ascii: "{")]

    /// Starts a member: the comma before it when needed, the key and the colon.
    private mutating func key(_ name: String) {
        if buffer.count > 1 { buffer.append(UInt8(ascii: ",")) }
        JSONText.appendString(name, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
    }

    mutating func string(_ name: String, _ value: String) {
        key(name)
        JSONText.appendString(value, to: &buffer)
    }

    /// A string member, or `null` when there is no value.
    mutating func optionalString(_ name: String, _ value: String?) {
        guard let value else { return raw(name, Array("null".utf8)) }
        string(name, value)
    }

    mutating func integer(_ name: String, _ value: Int) {
        key(name)
        buffer.append(contentsOf: String(value).utf8)
    }

    mutating func strings(_ name: String, _ values: [String]) {
        key(name)
        JSONObjectWriter.appendArray(values, to: &buffer) { JSONText.appendString($0, to: &$1) }
    }

    /// A member whose value is JSON text written elsewhere.
    mutating func raw(_ name: String, _ json: [UInt8]) {
        key(name)
        buffer.append(contentsOf: json)
    }

    /// The object's bytes, closed.
    var bytes: [UInt8] {
        buffer + [UInt8(ascii: "}")]
    }

    /// Appends `[a,b,…]`, writing each element with `element`.
    static func appendArray<Element>(_ elements: [Element], to buffer: inout [UInt8],
                                     element: (Element, inout [UInt8]) -> Void) {
        buffer.append(UInt8(ascii: "["))
        for (index, item) in elements.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            element(item, &buffer)
        }
        buffer.append(UInt8(ascii: "]"))
    }
}
