/// A record's key as a result writes it: text, or the bytes of a plain string still in the input, for a key the
/// policy only writes (read without making a String of it).
enum ResultKey {
    case text(String)
    /// ASCII with nothing a JSON string escapes (`ByteCursor.plainString`), so written as it is.
    case plain(UnsafeBufferPointer<UInt8>)

    var text: String {
        switch self {
        case .text(let text): text
        case .plain(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Appends the key as a JSON string.
    func appendJSON(to buffer: inout some ByteSink & ~Copyable) {
        switch self {
        case .text(let text): JSONText.appendString(text, to: &buffer)
        case .plain(let bytes):
            buffer.append(UInt8(ascii: "\""))
            buffer.append(contentsOf: bytes)
            buffer.append(UInt8(ascii: "\""))
        }
    }
}
