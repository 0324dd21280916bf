import Testing

@testable import KinerjaCore

/// Expressions: every form of the grammar and the precedence of every operator, dumped as S-expressions.
@Suite("Parser: expressions")
struct ParserExpressionTests {
    @Test("literals and names", arguments: [
        ("12", "12"),
        ("4.5", "4.5"),
        ("90%", "90%"),
        ("90 %", "90%"),
        ("10 min", "10[min]"),
        ("1.5 jam", "1.5[jam]"),
        ("3 detik + 2 s + 1 h + 4 day + 5 menit + 6 hari", "(+ (+ (+ (+ (+ 3[detik] 2[s]) 1[h]) 4[day]) 5[menit]) 6[hari])"),
        ("\"teks\"", "\"teks\""),
        ("2026-03-31", "2026-03-31"),
        ("true", "true"),
        ("false", "false"),
        ("each", "each"),
        ("hasil", "hasil"),
        ("capaian of indicators", "(of capaian indicators)"),
        ("min", "min"),
        ("actual / target", "(/ actual target)"),
    ])
    func literalsAndNames(input: String, expected: String) {
        #expect(Snippet.expression(input) == expected)
    }

    @Test("postfix: members and calls", arguments: [
        ("nasional.rating_hasil", "(. nasional rating_hasil)"),
        ("ekspektasi.above", "(. ekspektasi above)"),
        ("nasional.rating_hasil(hasil)", "(call (. nasional rating_hasil) hasil)"),
        ("round(hasil, 2)", "(call round hasil 2)"),
        ("present()", "(call present)"),
        ("f(x)(y).z", "(. (call (call f x) y) z)"),
        ("min(a, 10 min)", "(call min a 10[min])"),
        ("share(er_minutes, each <= 10 min)", "(call share er_minutes (<= each 10[min]))"),
        ("weighted_mean(supervisor: 50, mean(peers): 30)", "(call weighted_mean (: supervisor 50) (: (call mean peers) 30))"),
        ("weighted_mean(capaian of indicators)", "(call weighted_mean (of capaian indicators))"),
        ("(a + b).c", "(. (+ a b) c)"),
    ])
    func postfix(input: String, expected: String) {
        #expect(Snippet.expression(input) == expected)
    }

    @Test("precedence and associativity", arguments: [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("1 * 2 + 3", "(+ (* 1 2) 3)"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("a / b * c", "(* (/ a b) c)"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("-a * b", "(* (neg a) b)"),
        ("- -a", "(neg (neg a))"),
        ("-f(x).y", "(neg (. (call f x) y))"),
        ("a + b < c * d", "(< (+ a b) (* c d))"),
        ("a < b ?? c", "(?? (< a b) c)"),
        ("a ?? b ?? c", "(?? a (?? b c))"),
        ("a ?? b = c", "(?? a (= b c))"),
        ("not a ?? b", "(not (?? a b))"),
        ("not a = b and c", "(and (not (= a b)) c)"),
        ("not not a", "(not (not a))"),
        ("a and b or c and d", "(or (and a b) (and c d))"),
        ("a or b or c", "(or (or a b) c)"),
        ("a and not b", "(and a (not b))"),
        ("x in {1, 2} and y", "(and (in x {1 2}) y)"),
        ("x + 1 in {}", "(in (+ x 1) {})"),
        ("a != b", "(!= a b)"),
        ("a >= b", "(>= a b)"),
        ("a > b", "(> a b)"),
        ("a <= b", "(<= a b)"),
        ("if a then b else c", "(if a b c)"),
        ("if a then b else if c then d else e", "(if a b (if c d e))"),
        ("if a or b then 1 + 2 else not c", "(if (or a b) (+ 1 2) (not c))"),
        ("(if a then b else c) + 1", "(+ (if a b c) 1)"),
        ("x in {if a then 1 else 2}", "(in x {(if a 1 2)})"),
    ])
    func precedence(input: String, expected: String) {
        #expect(Snippet.expression(input) == expected)
    }

    @Test("the examples of the language description", arguments: [
        ("if present(patients) then (patients ?? 0) / 100 else 0.5",
         "(if (call present patients) (/ (?? patients 0) 100) 0.5)"),
        ("not (unit in {\"dinkes\", \"rsud\"}) or nilai >= 90% and -nilai < 2 * (1 + 3) / 4",
         "(or (not (in unit {\"dinkes\" \"rsud\"})) (and (>= nilai 90%) (< (neg nilai) (/ (* 2 (+ 1 3)) 4))))"),
        ("unit = \"dinkes\" and count(complaints) > 0", "(and (= unit \"dinkes\") (> (call count complaints) 0))"),
    ])
    func examples(input: String, expected: String) {
        #expect(Snippet.expression(input) == expected)
    }

    @Test("errors in expressions", arguments: [
        ("a < b < c", "!E0101 comparisons cannot be chained: '<' follows another comparison"),
        ("a = b in {c}", "!E0101 comparisons cannot be chained: 'in' follows another comparison"),
        ("1 + if a then b else c", "!E0102 an 'if' inside another expression must be in parentheses"),
        ("1 +", "!E0119 expected an expression"),
        ("(1 + 2", "!E0110 expected ')' to close the parenthesised expression"),
        ("f(1, 2", "!E0110 expected ')' to close the argument list"),
        ("f(1 2) + 3", "!E0110 expected ')' to close the argument list"),
        ("a in 5", "!E0146 expected a set such as '{\"dinkes\", \"rsud\"}' after 'in'"),
        ("a in {1, 2", "!E0109 expected '}' to close the set"),
        ("if a 1 else 2", "!E0150 expected 'then' after the condition of 'if'"),
        ("if a then 1", "!E0116 expected 'else' and the value for when the condition does not hold"),
        ("capaian of", "!E0122 expected 'indicators' after 'capaian of'"),
        ("a.", "!E0131 expected a name after '.'"),
        ("a.if", "!E0164 'if' is a reserved word and cannot be used as a name"),
    ])
    func errors(input: String, expected: String) {
        #expect(Snippet.expression(input) == expected)
    }

    @Test("a chained comparison is still read, left to right")
    func chainedComparisonIsRead() throws {
        let result = Snippet.policy("policy t\nx = a < b < c")
        guard case .value(let value)? = result.file?.declarations.first?.kind else {
            Issue.record("no value")
            return
        }
        #expect(SyntaxDump.expression(value.expression) == "(< (< a b) c)")
    }

    @Test("ranges cover the source of each node, parentheses included")
    func expressionRanges() throws {
        let text = "policy t\nx = (a + b) * f(c)"
        let result = Snippet.policy(text)
        guard case .value(let value)? = result.file?.declarations.first?.kind,
            case .binary(_, let left, let right) = value.expression.kind
        else {
            Issue.record("unexpected tree")
            return
        }
        let source = SourceFile(path: "t", text: text)
        #expect(source.text(of: value.expression.range) == "(a + b) * f(c)")
        #expect(source.text(of: left.range) == "(a + b)")
        #expect(source.text(of: right.range) == "f(c)")
    }

    @Test("a unit word is not a unit when it names the next value, entry or row")
    func unitWordFollowedByDeclaration() {
        #expect(Snippet.declarations("a = 5\nh = 3") == "(value a 5)\n(value h 3)")
        #expect(Snippet.declarations("a = 5\nmin \"Minimum\" = 3") == "(value a 5)\n(value min \"Minimum\" 3)")
        #expect(Snippet.declarations("a = 5 h\nb = 3") == "(value a 5[h])\n(value b 3)")
    }

    @Test("a matrix cell that starts with '-' or '(' continues the cell before it, as the grammar reads it")
    func matrixCellAmbiguity() {
        let text = "matrix m(a: e, b: e) -> number {\n  x y z\n  r | 1 -2 3\n  s | 1 (2) 3\n}"
        #expect(Snippet.declarations(text)
            == "(matrix m (a e) (b e) number [x y z] (r | (- 1 2) 3) (s | (call 1 2) 3))")
    }
}
