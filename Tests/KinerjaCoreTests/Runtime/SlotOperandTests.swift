import Foundation
import Testing

@testable import KinerjaCore

/// Operations whose operands are constants or slots read them in place (`SlotOperand`) and go the general way for
/// anything but numbers or members that fit. Each output below is written twice: on such operands, and on the same
/// operands wrapped in `if true then … else …`, which makes them computed, so the general path evaluates it.
@Suite("Operands read in place")
struct SlotOperandTests {
    static let operations = [
        ("bagi", "X / Y"), ("kali", "X * Y"), ("tambah", "X + Y"), ("kurang", "X - Y"), ("bagi_konstanta", "X / 7"),
        ("kurang_dari", "X < Y"), ("sama", "X = Y"), ("sama_konstanta", "X = 2.5"), ("bulat", "round(X, 2)"),
        ("rating", "nasional.rating_perilaku(X)"), ("r_sama", "R = S"), ("r_lebih", "R > S"), ("r_konstanta", "R = meets"),
        ("hasil", "nasional.rating_hasil(P)"), ("capaian_bagi", "P / Q"),
    ]

    static func expression(_ template: String, wrapped: Bool) -> String {
        var text = template
        for name in ["X", "Y", "R", "S", "P", "Q"] {
            let field = name.lowercased()
            text = text.replacingOccurrences(of: name, with: wrapped ? "(if true then \(field) else \(field))" : field)
        }
        return text
    }

    static let policy = """
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
        output {
        \(operations.map { "  \($0.0) = \(expression($0.1, wrapped: false))\n  \($0.0)_umum = \(expression($0.1, wrapped: true))" }
            .joined(separator: "\n"))
        }
        """

    @Test("in place and computed, the operations give the same numbers, members, booleans and absent values")
    func inPlaceEqualsGeneral() throws {
        let harness = try PolicyHarness(Self.policy)
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
        var compared = 0
        for (record, line) in zip(records, harness.results(records)) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard object["error"] == nil else { continue }
            for (name, _) in Self.operations {
                #expect("\(object[name] ?? "missing")" == "\(object[name + "_umum"] ?? "missing")", "\(name) for \(record)")
                compared += 1
            }
        }
        #expect(compared > 1000)
    }
}
