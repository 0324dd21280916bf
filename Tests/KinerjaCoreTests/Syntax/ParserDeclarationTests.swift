import Testing

@testable import KinerjaCore

/// Every declaration and clause of the language description, dumped as S-expressions.
@Suite("Parser: declarations")
struct ParserDeclarationTests {
    @Test("header and metadata")
    func headerAndMetadata() throws {
        let text = """
            policy plaju_2027 "Kinerja 2027"
              source "A" source "B"
              owner "BKPSDM"
              version "2026.1"
              description "Uraian"
              effective 2026-01-01 to 2026-12-31
              uses nasional, lokal
              extends plaju
              period semester
            """
        let file = try #require(Snippet.policy(text).file)
        #expect(SyntaxDump.file(file) == """
            (policy plaju_2027 "Kinerja 2027"
              (source "A")
              (source "B")
              (owner "BKPSDM")
              (version "2026.1")
              (description "Uraian")
              (effective 2026-01-01 2026-12-31)
              (uses nasional lokal)
              (extends plaju)
              (period semester))
            """)
        #expect(file.kind == .policy)
        #expect(Snippet.policy(text).diagnostics.isEmpty)
    }

    @Test("a rules file without label or metadata")
    func bareRulesFile() throws {
        let file = try #require(Snippet.policy("rules nasional").file)
        #expect(SyntaxDump.file(file) == "(rules nasional)")
        #expect(file.range == SourceRange(0, 14))
    }

    @Test("every period", arguments: ["month", "quarter", "semester", "year"])
    func periods(period: String) throws {
        let file = try #require(Snippet.policy("policy p period \(period)").file)
        #expect(SyntaxDump.file(file) == "(policy p\n  (period \(period)))")
    }

    @Test("a value named like a header clause is a value")
    func valueNamedLikeHeaderClause() {
        #expect(Snippet.declarations("source = 1\nperiod \"Periode\" = 2")
            == "(value source 1)\n(value period \"Periode\" 2)")
    }

    @Test("declarations", arguments: [
        ("scale ekspektasi \"Ekspektasi\" { below \"Di Bawah\", meets, above \"Di Atas\" }",
         "(scale ekspektasi \"Ekspektasi\" (below \"Di Bawah\") (meets) (above \"Di Atas\"))"),
        ("scale s { only }", "(scale s (only))"),
        ("bands rating_perilaku(nilai: score(1..5)) -> ekspektasi {\n >= 4.5 -> above\n >= 3.0 -> meets\n otherwise -> below\n}",
         "(bands rating_perilaku (nilai (score 1 5)) ekspektasi (>= 4.5 above) (>= 3.0 meets) (otherwise below))"),
        ("bands b(x: percent) -> text { > 1 -> \"a\" <= 2 -> \"b\" < 3 -> \"c\" 50% ..< 90% -> \"d\" }",
         "(bands b (x percent) text (> 1 \"a\") (<= 2 \"b\") (< 3 \"c\") (..< 50% 90% \"d\"))"),
        ("bands b(x: percent) -> boolean { >= 1 -> (x > 2) < 0 -> x = 1 otherwise -> if x > 1 then a else b }",
         "(bands b (x percent) boolean (>= 1 (> x 2)) (< 0 (= x 1)) (otherwise (if (> x 1) a b)))"),
        ("matrix predikat(perilaku: ekspektasi, hasil: ekspektasi) -> text {\n below meets\n above | \"a\" \"b\"\n below | \"c\" \"d\"\n}",
         "(matrix predikat (perilaku ekspektasi) (hasil ekspektasi) text [below meets] (above | \"a\" \"b\") (below | \"c\" \"d\"))"),
        ("table prioritas(hasil: ekspektasi, perilaku: ekspektasi, anggaran: boolean) -> text {\n below, _, true -> \"a\"\n {meets, above}, below, false -> \"b\"\n}",
         "(table prioritas (hasil ekspektasi) (perilaku ekspektasi) (anggaran boolean) text ((below _ true) \"a\") (({meets above} below false) \"b\"))"),
        ("table kosong(a: boolean) -> number {}", "(table kosong (a boolean) number )"),
        ("record {\n nip text key \"NIP\"\n a number b integer c count d boolean e date f percent\n g duration(menit) optional\n h list of list of ekspektasi key optional\n i nasional.ekspektasi \"I\"\n}",
         "(record (nip text key \"NIP\") (a number) (b integer) (c count) (d boolean) (e date) (f percent) (g (duration menit) optional) (h (list (list ekspektasi)) optional key) (i nasional.ekspektasi \"I\"))"),
        ("record {}", "(record )"),
        ("indicator waktu_ktp \"KTP\" {\n description \"D\"\n source \"S\"\n applies unit = \"x\"\n actual share(h, each <= 1 h)\n target 95%\n better higher\n capaian actual / target\n cap 120%\n weight 30\n}",
         "(indicator waktu_ktp \"KTP\" (description \"D\") (source \"S\") (applies (= unit \"x\")) (actual (call share h (<= each 1[h]))) (target 95%) (better higher) (capaian (/ actual target)) (cap 120%) (weight 30))"),
        ("indicator i { better lower }", "(indicator i (better lower))"),
        ("hasil \"Hasil kerja\" = weighted_mean(capaian of indicators)",
         "(value hasil \"Hasil kerja\" (call weighted_mean (of capaian indicators)))"),
        ("output {\n nilai\n nilai_hasil = round(hasil, 2)\n kategori \"Kategori\" = k\n label \"Label\"\n}",
         "(output (nilai) (nilai_hasil (call round hasil 2)) (kategori \"Kategori\" k) (label \"Label\"))"),
        ("recommend pelatihan \"Pelatihan\"\n  when predikat in {\"Kurang\"}",
         "(recommend pelatihan \"Pelatihan\" (in predikat {\"Kurang\"}))"),
        ("recommend r when true", "(recommend r true)"),
        ("override indicator respon { target 95% weight 50 }", "(override (indicator respon (target 95%) (weight 50)))"),
        ("override bands k(n: percent) -> e { >= 100% -> above otherwise -> meets }",
         "(override (bands k (n percent) e (>= 100% above) (otherwise meets)))"),
        ("override matrix m(a: e, b: e) -> text { x\n y | 1 }", "(override (matrix m (a e) (b e) text [x] (y | 1)))"),
        ("override table t(a: boolean) -> text { true -> \"a\" false -> \"b\" }",
         "(override (table t (a boolean) text ((true) \"a\") ((false) \"b\")))"),
        ("override nilai \"Nilai\" = 1", "(override (value nilai \"Nilai\" 1))"),
    ])
    func declarations(input: String, expected: String) {
        #expect(Snippet.declarations(input) == expected)
    }

    @Test("declaration ranges run from 'override' or the first word to the closing brace")
    func declarationRanges() throws {
        let text = "policy t\n\noverride indicator i { weight 1 }\nnilai = 1 + 2 # c\n"
        let source = SourceFile(path: "t", text: text)
        let file = try #require(Parser.parse(source).file)
        #expect(file.declarations.map { source.text(of: $0.range) }
            == ["override indicator i { weight 1 }", "nilai = 1 + 2"])
        #expect(source.text(of: file.range) == "policy t\n\noverride indicator i { weight 1 }\nnilai = 1 + 2")
    }

    @Test("the parse result keeps the comments")
    func keepsComments() {
        let result = Snippet.policy("# a\npolicy t # b\nx = 1 # c")
        #expect(result.comments.map(\.text) == ["# a", "# b", "# c"])
    }
}
