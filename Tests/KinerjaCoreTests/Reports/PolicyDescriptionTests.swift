import Foundation
import Testing

@testable import KinerjaCore

/// Descriptions of the shipped policies, compared with `Fixtures/describe/<region>.md` and `.txt`, and the
/// Markdown escaping of text that policies may contain.
@Suite("Describe")
struct PolicyDescriptionTests {
    @Test("descriptions match the golden files", arguments: ShippedPolicyTests.regions)
    func golden(_ region: String) throws {
        let description = PolicyDescription(policy: try ShippedPolicyTests.policy(region))
        Golden.assertMatches(description.render(.markdown),
                             matches: Golden.fixtures.appendingPathComponent("describe/\(region).md"))
        Golden.assertMatches(description.render(.text),
                             matches: Golden.fixtures.appendingPathComponent("describe/\(region).txt"))
    }

    @Test("Markdown escapes plain text, fences code and escapes pipes in tables")
    func markdownEscaping() {
        typealias Phrase = PolicyDescription.Phrase
        let blocks: [PolicyDescription.Block] = [
            .heading(level: 2, "Nilai *akhir* [uji]"),
            .fields([PolicyDescription.Field(label: "Rumus_1", value: .code("a `b` c"))]),
            .table(header: ["A|B", "C"], rows: [[Phrase("x | y"), .code("p in {\"|\"}")]]),
        ]
        #expect(PolicyDescription.markdown(blocks) == """
            ## Nilai \\*akhir\\* \\[uji\\]

            - **Rumus\\_1:** ``a `b` c``

            | A|B | C |
            | --- | --- |
            | x \\| y | `p in {"\\|"}` |

            """)
    }

    @Test("text aligns fields and table columns without trailing spaces")
    func textLayout() {
        typealias Phrase = PolicyDescription.Phrase
        let blocks: [PolicyDescription.Block] = [
            .heading(level: 1, "Judul"),
            .fields([PolicyDescription.Field(label: "A", value: "satu"), PolicyDescription.Field(label: "Panjang", value: "")]),
            .table(header: ["Kolom", "B"], rows: [[Phrase("x"), Phrase("")], [Phrase("panjang sekali"), .code("y")]]),
        ]
        #expect(PolicyDescription.text(blocks) == """
            Judul
            =====

            A:       satu
            Panjang:

            Kolom           B
            --------------  -
            x
            panjang sekali  y

            """)
    }

    @Test("a formula written over several lines is shown on one line")
    func multiLineFormula() throws {
        let harness = try PolicyHarness("policy ml\nrecord {\n  nip text key\n  a number\n}\noutput {\n  x \"Dua\" =\n    a +\n      2\n}\n")
        #expect(PolicyDescription(policy: harness.policy).render(.markdown).contains("| `x` | Dua | `a + 2` |"))
    }
}
