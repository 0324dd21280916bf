import Testing

@testable import KinerjaCore

@Suite("Byte cursor")
struct ByteCursorTests {
    @Test("a decimal in lowest terms equals the reduced fraction, for random digits, signs and places")
    func decimalReduction() throws {
        var generator = SeededRandom(seed: 20261125)
        let edges: [Int64] = [1, -1, 5, 25, 125, 10, 100, 1_000_000_000_000_000_000, -999_999_999_999_999_999,
                              Int64.max, Int64.min + 1, 2 << 61, -(2 << 61), 3_814_697_265_625, 95_367_431_640_625]
        for index in 0..<20_000 {
            let mantissa = index < edges.count ? edges[index] : Int64(bitPattern: generator.next())
                >> Int64(generator.next(64))
            for places in [1, 2, 3, 7, 18] {
                let expected = try Number(numerator: mantissa, denominator: Int64(Number.powerOfTen(places)))
                #expect(Number.decimal(mantissa, fractionDigits: places) == expected, "\(mantissa) / 10^\(places)")
            }
        }
    }

    @Test("a plain string ends at its first quote and is refused at an escape, control or non-ASCII byte, anywhere")
    func plainStrings() {
        // Every position within and across the eight-byte words the scan takes at once, and short buffers.
        // A quote ends the string; DEL and the neighbours of the special bytes are plain; the others are refused.
        let specials: [UInt8] = [0x22, 0x5C, 0x00, 0x0A, 0x1F, 0x7F, 0x80, 0xFF, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7E]
        for length in 0..<20 {
            for special in specials {
                for trailing in [0, 1, 9] {
                    var text = [UInt8(ascii: "\"")] + Array(repeating: UInt8(ascii: "a"), count: length) + [special]
                    text += Array(repeating: UInt8(ascii: "b"), count: trailing) + [UInt8(ascii: "\"")]
                    let found = text.withUnsafeBufferPointer { bytes -> (Range<Int>?, Int) in
                        var cursor = ByteCursor(bytes: bytes)
                        return (cursor.plainString(), cursor.index)
                    }
                    let expected: (Range<Int>?, Int) = switch special {
                    case 0x22: (1..<(1 + length), 2 + length)
                    case 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7E, 0x7F: (1..<(text.count - 1), text.count)
                    default: (nil, 0)
                    }
                    #expect(found.0 == expected.0 && (expected.0 == nil || found.1 == expected.1),
                            "length \(length), byte \(special), \(trailing) after: \(found)")
                }
            }
        }
    }

    @Test("a decimal read from one word is what reading it byte by byte gives, for any bytes around it")
    func shortDecimals() {
        var generator = SeededRandom(seed: 20261123)
        let alphabet = Array("0123456789000.-eE,] x".utf8) + [0x80, 0xFF, 0x2F, 0x3A]
        var taken = 0
        for index in 0..<200_000 {
            // Valid decimals of every length, then anything at all.
            var text: [UInt8]
            if index % 2 == 0 {
                let integer = (0..<(1 + generator.next(9))).map { _ in UInt8(ascii: "0") + UInt8(generator.next(10)) }
                let fraction = (0..<generator.next(9)).map { _ in UInt8(ascii: "0") + UInt8(generator.next(10)) }
                text = integer + (fraction.isEmpty ? [] : [UInt8(ascii: ".")] + fraction)
            } else {
                text = (0..<(1 + generator.next(10))).map { _ in alphabet[generator.next(alphabet.count)] }
            }
            text += (0..<generator.next(10)).map { _ in alphabet[generator.next(alphabet.count)] }
            let (word, bytewise) = text.withUnsafeBufferPointer { bytes in
                var byWord = ByteCursor(bytes: bytes), byBytes = ByteCursor(bytes: bytes)
                let word = byWord.plainDecimal(), bytewise = byBytes.plainDecimalByBytes()
                return ((decimal: word, end: byWord.index), (decimal: bytewise, end: byBytes.index))
            }
            if text.count >= 8 && text.withUnsafeBufferPointer({
                ByteWord.shortDecimal(ByteWord.load($0.baseAddress!)) != nil
            }) { taken += 1 }
            #expect(word.decimal?.mantissa == bytewise.decimal?.mantissa
                        && word.decimal?.fractionDigits == bytewise.decimal?.fractionDigits && word.end == bytewise.end,
                    "\(String(decoding: text, as: UTF8.self))")
        }
        // The word is read in most of the cases where it holds a whole number.
        #expect(taken > 30_000)
        let short = Array("4.75,0000".utf8).withUnsafeBufferPointer { ByteWord.shortDecimal(ByteWord.load($0.baseAddress!)) }
        #expect(short?.mantissa == 475 && short?.fractionDigits == 2 && short?.length == 4)
    }

    @Test("a decimal that fills the first bytes of a word is read as byte by byte reading reads all of them")
    func decimalsOfKnownLength() {
        var generator = SeededRandom(seed: 711)
        let alphabet = Array("0123456789000...-eE, ".utf8) + [0x80, 0xAE, 0xB0, 0xFF, 0x2F, 0x3A]
        for _ in 0..<200_000 {
            let length = 1 + generator.next(7)
            let text = (0..<8).map { _ in alphabet[generator.next(alphabet.count)] }
            let item = Array(text[..<length])
            let bytewise = item.withUnsafeBufferPointer { bytes in
                var cursor = ByteCursor(bytes: bytes)
                return cursor.plainDecimalByBytes().flatMap { cursor.isAtEnd && bytes.first != UInt8(ascii: "-") ? $0 : nil }
            }
            let word = text.withUnsafeBufferPointer { ByteWord.decimal(ByteWord.load($0.baseAddress!), length: length) }
            #expect(word?.mantissa == bytewise?.mantissa && word?.fractionDigits == bytewise?.fractionDigits,
                    "\(item) in \(text)")
        }
        let word = Array("10.25,xx".utf8).withUnsafeBufferPointer { ByteWord.load($0.baseAddress!) }
        #expect(ByteWord.decimal(word, length: 5)! == (1025, 2))
        #expect(ByteWord.decimal(word, length: 3) == nil)
    }

    /// The items of `text` as a list loop reads them: runs read from words, each followed by one item read byte by
    /// byte; nil where an item or separator is not plain, or past `limit` items. With `spaced`, whitespace around
    /// items is skipped, as in JSON (and as `JSONFastBinder` does around runs).
    static func items(_ text: [UInt8], separator: UInt8, spaced: Bool, byWords: Bool, limit: Int = .max) -> [String]? {
        text.withUnsafeBufferPointer { bytes in
            var cursor = ByteCursor(bytes: bytes)
            var items: [String] = []
            var count = 0
            while true {
                if spaced { cursor.skipWhitespace() }
                if byWords {
                    let ran = cursor.shortDecimalItems(separatedBy: separator, spaced: spaced, count: &count,
                                                       limit: limit) { item in
                        guard let decimal = item.decimal else { return nil }
                        items.append("\(decimal.mantissa)e-\(decimal.fractionDigits)")
                        return true
                    }
                    guard ran else { return nil }
                    if spaced { cursor.skipWhitespace() }
                }
                guard count < limit, let item = cursor.plainDecimal() else { return nil }
                items.append("\(item.mantissa)e-\(item.fractionDigits)")
                count += 1
                if spaced { cursor.skipWhitespace() }
                if cursor.isAtEnd { return items }
                guard cursor.take(separator) else { return nil }
            }
        }
    }

    @Test("runs of list items read from words stop where the item loop carries on, and give the same items")
    func shortDecimalItems() {
        var generator = SeededRandom(seed: 4_075)
        let pieces = ["4.0", "2.25", "10", "0", "0.5", "1234567", "12345678", "3.14159", "-1.5", "007", "1e3", "4.",
                      " 2", "\t2", "x", ""]
        for index in 0..<40_000 {
            let separator = index % 2 == 0 ? UInt8(ascii: ",") : UInt8(ascii: "|")
            let spaced = index % 4 < 2
            // Lists written with a space after every separator, after none, or after some.
            let spacing = generator.next(3)
            let count = 1 + generator.next(12)
            var text: [UInt8] = []
            for item in 0..<count {
                if item > 0 {
                    text.append(separator)
                    if spacing == 1 || (spacing == 2 && generator.next(2) == 0) { text.append(UInt8(ascii: " ")) }
                }
                text += Array(pieces[generator.next(pieces.count)].utf8)
            }
            let limit = 1 + generator.next(14)
            let expected = Self.items(text, separator: separator, spaced: spaced, byWords: false, limit: limit)
            #expect(Self.items(text, separator: separator, spaced: spaced, byWords: true, limit: limit) == expected,
                    "\(String(decoding: text, as: UTF8.self)), spaced \(spaced), at most \(limit)")
        }
        /// The items one run reads from the start of `text`, and where it stops.
        func run(_ text: String, spaced: Bool) -> (ran: Bool, seen: [Int64], count: Int, stop: Int) {
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                var cursor = ByteCursor(bytes: bytes)
                var count = 0, seen: [Int64] = []
                let ran = cursor.shortDecimalItems(separatedBy: UInt8(ascii: ","), spaced: spaced, count: &count,
                                                   limit: 10) { item in
                    guard let decimal = item.decimal else { return nil }
                    seen.append(decimal.mantissa)
                    return decimal.fractionDigits <= 2
                }
                return (ran, seen, count, cursor.index)
            }
        }
        // A run ends before the last item, which no separator follows.
        let compact = run("4.0,2.5,10.25,3]xxxxxxxx", spaced: false)
        #expect(compact.ran && compact.seen == [40, 25, 1025] && compact.count == 3 && compact.stop == 14)
        // One space after each separator, as Python's json module writes lists: after the first item, the run
        // goes on with the items a space further apart.
        let spaced = run("4.0, 2.5, 10.25, 3]xxxxxxxx", spaced: true)
        #expect(spaced.ran && spaced.seen == [40, 25, 1025] && spaced.count == 3 && spaced.stop == 17)
    }
}
