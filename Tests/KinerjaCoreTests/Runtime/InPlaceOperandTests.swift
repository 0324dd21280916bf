import Testing

@testable import KinerjaCore

/// Operations whose operands are constants or slots read them in place (`InPlaceOperand`) and go the general way for
/// anything but numbers or members that fit. Each operation is evaluated twice, in two policies: on such operands,
/// and on the same operands wrapped in `if true then … else …`, which makes them computed, so the general path
/// evaluates it. Both must write the same line for every record: the same exact value, absent value or error.
@Suite("Operands read in place")
struct InPlaceOperandTests {
    /// Field operands (x, y numbers; p, q percents; r, s scale members), a value operand (v, which is x) and constants.
    static let operations = [
        "X / Y", "X * Y", "X + Y", "X - Y", "X / 7", "X < Y", "X = Y", "X = 2.5", "round(X, 2)", "round(P, 1)",
        "nasional.rating_perilaku(X)", "nasional.rating_hasil(P)", "P / Q", "R = S", "R > S", "R = meets", "V * Y",
        "V >= 3", "nasional.rating_perilaku(V)",
    ]

    static func policy(_ output: String, wrapped: Bool, capaian: Bool = false) -> String {
        var expression = output
        for name in ["X", "Y", "P", "Q", "R", "S", "V"] {
            let operand = name.lowercased()
            expression = expression.replacingOccurrences(
                of: name, with: wrapped ? "(if true then \(operand) else \(operand))" : operand)
        }
        // An indicator's default capaian is actual / target on operands in place; written out, on computed ones.
        let indicator = !capaian ? "" : """
            indicator i {
              actual p
              target q
            \(wrapped ? "  capaian (if true then actual else actual) / (if true then target else target)" : "")
              weight 1
            }
            """
        return """
            policy t
            uses nasional
            record {
              nip text key
              x number optional
              y number optional
              p percent optional
              q percent optional
              r nasional.ekspektasi optional
              s nasional.ekspektasi optional
            }
            \(indicator)
            v = x
            output {
              hasil = \(capaian ? "weighted_mean(capaian of indicators)" : expression)
            }
            """
    }

    static let records: [String] = {
        let numbers = ["null", "0", "1", "-3", "2.5", "0.000000001", "9007199254740993", "9223372036854775807",
                       "-9223372036854775807", "123456789.987654321"]
        let members = ["null", "\"below\"", "\"meets\"", "\"above\""]
        var records: [String] = []
        for (index, x) in numbers.enumerated() {
            for y in numbers {
                let r = members[index % members.count], s = members[(index + y.count) % members.count]
                records.append(#"{"nip":"1","x":\#(x),"y":\#(y),"p":\#(x),"q":\#(y),"r":\#(r),"s":\#(s)}"#)
            }
        }
        return records
    }()

    @Test("in place and computed, an operation writes the same line for every record", arguments: operations)
    func inPlaceEqualsComputed(_ operation: String) throws {
        let inPlace = try PolicyHarness(Self.policy(operation, wrapped: false)).results(Self.records)
        let computed = try PolicyHarness(Self.policy(operation, wrapped: true)).results(Self.records)
        #expect(inPlace.count == Self.records.count)
        for (index, (one, other)) in zip(inPlace, computed).enumerated() {
            #expect(one == other, "\(operation) for \(Self.records[index])")
        }
    }

    @Test("the default capaian, actual / target read in place, equals the same formula on computed operands")
    func defaultCapaian() throws {
        let inPlace = try PolicyHarness(Self.policy("", wrapped: false, capaian: true)).results(Self.records)
        let computed = try PolicyHarness(Self.policy("", wrapped: true, capaian: true)).results(Self.records)
        #expect(inPlace == computed)
        // Some records divide by zero, some give big numbers: both ways alike.
        #expect(inPlace.contains { $0.contains(#""error""#) } && inPlace.contains { $0.contains(#""hasil":"#) })
    }
}
