import Testing

@testable import KinerjaCore

/// Evaluation with intermediate values too large for `Number`, which take the exact slow path (`BigNumber`).
/// Expected values computed with Python's `fractions.Fraction`.
@Suite("Evaluation with big intermediate values")
struct BigValueEvaluationTests {
    static let targets = [79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99]
    static let actuals = ["87.3", "92.1", "80.05", "99.9", "77.7", "101.3", "85", "88.8", "90.01", "93.37", "96.5", "82.2",
                          "79.9", "100", "91.11", "94.4", "97.7", "83.3", "89.9", "87.123456789"]

    /// 20 indicators with unrelated targets, all of weight 5: their weighted mean is
    /// 119572954341011526400634660027414869/1185312930758147678963275800000000 percent points (117-bit parts),
    /// which was R102 with 64-bit fractions.
    static let policy = """
        policy t
        record {
          nip text key
        \(targets.indices.map { "  a\($0) percent" }.joined(separator: "\n"))
        }
        \(zip(targets.indices, targets).map { "indicator i\($0) {\n  actual a\($0)\n  target \($1)%\n  weight 5\n}" }
            .joined(separator: "\n"))
        bands kelas(n: percent) -> text {
          >= 100.8789% -> "atas"
          >= 100.8788% -> "tengah"
          otherwise -> "bawah"
        }
        nilai = weighted_mean(capaian of indicators)
        output {
          hasil = nilai
          dibulatkan = round(nilai, 2)
          kelas_nilai = kelas(nilai)
          terkecil = min(nilai, 101%)
          terbesar = max(nilai, 100%)
          dibatasi = clamp(nilai, 0%, 100.8%)
          mutlak = abs(-nilai)
          lebih = nilai > 100.8788%
          sama = nilai = nilai
          rata = mean(capaian of indicators)
          tengah = median(capaian of indicators)
          selisih = nilai - mean(capaian of indicators)
          negatif = -nilai
          campuran = weighted_mean(a0: 1, nilai: 2, a1: 3)
          langsung = weighted_mean(\(zip(targets.indices, targets).map { "a\($0) / \($1)%: 1" }.joined(separator: ", ")))
        }
        """

    static let record = "{\"nip\":\"1\"," + actuals.enumerated().map { "\"a\($0)\":\($1)" }.joined(separator: ",") + "}"

    @Test("a weighted mean of 20 indicators with unrelated targets is exact, through bands, round, min/max and comparisons")
    func weightedMeanOfUnrelatedTargets() throws {
        let harness = try PolicyHarness(Self.policy)
        #expect(harness.result(Self.record) == #"{"nip":"1","hasil":100.87880697,"dibulatkan":100.88,"kelas_nilai":"tengah","#
            + #""terkecil":100.87880697,"terbesar":100.87880697,"dibatasi":100.8,"mutlak":100.87880697,"lebih":true,"#
            + #""sama":true,"rata":100.87880697,"tengah":100.569627193,"selisih":0,"negatif":-100.87880697,"#
            + #""campuran":94.22626899,"langsung":1.0087880697}"#)
        let frame = harness.evaluator.program.makeFrame()
        var reader = RecordReader(format: .jsonl, source: ByteSource(bytes: Array(Self.record.utf8)))
        let next = reader.next()
        let record = try #require(next)
        let result = harness.evaluator.evaluate(record, in: frame, tracing: true)
        guard case .bigNumber(let nilai) = frame.values[harness.policy.values.firstIndex { $0.name == "nilai" } ?? 0] else {
            Issue.record("the mean should be big")
            return
        }
        #expect(nilai.description == "1.0087880697")
        let explanation = ExplainRenderer(policy: harness.policy).render(result, frame: frame)
        #expect(explanation.contains("  nilai = ≈100.8788%\n"))
        #expect(explanation.contains("    pita kelas: ≈100.8788% masuk '>= 100.8788%'\n"))
        #expect(explanation.contains("  selisih = 0%\n"))
    }

    @Test("a policy test compares a big value with its expected value")
    func policyTest() throws {
        let harness = try PolicyHarness(Self.policy)
        let fields = Self.actuals.enumerated().map { "    \"a\($0)\": \($1)," }.joined(separator: "\n")
        let source = SourceFile(path: "t.test", text: """
            tests t
            case "right" {
              record {
            \(fields)
                "nip": "1"
              }
              expect dibulatkan = 100.88
              expect kelas_nilai = "tengah"
              expect selisih = 0
            }
            case "wrong" {
              record {
            \(fields)
                "nip": "1"
              }
              expect hasil = 100.88
            }
            """)
        let file = try #require(TestFileParser.parse(source).file)
        let runner = PolicyTestRunner(policy: harness.policy)
        #expect(runner.run(file.cases[0], number: 1, path: source.path).map(\.message) == [])
        #expect(runner.run(file.cases[1], number: 2, path: source.path).map(\.message)
            == ["expected hasil = 100.88%, actual 100.87880697%"])
    }

    @Test("a big capaian makes `capaian of indicators` a general list, which the list functions take")
    func bigCapaian() throws {
        let terms = zip(Self.targets.indices, Self.targets).map { "a\($0) / \($1)%" }.joined(separator: " + ")
        let harness = try PolicyHarness("""
            policy t
            record {
              nip text key
            \(Self.targets.indices.map { "  a\($0) percent" }.joined(separator: "\n"))
            }
            indicator besar {
              actual a0
              target 79%
              capaian (\(terms)) / 20
              cap 200%
              weight 1
            }
            indicator kecil {
              actual a1
              target 81%
              weight 1
            }
            output {
              jumlah = count(capaian of indicators)
              tertinggi = max(capaian of indicators)
              terendah = min(capaian of indicators)
              lebih = count(capaian of indicators, each > 105%)
              bagian = share(capaian of indicators, each > 101%)
              rata = weighted_mean(capaian of indicators)
            }
            """)
        // (mean + 92.1/81) / 2 = 107.2912553369 percent points (10 places).
        #expect(harness.result(Self.record) == #"{"nip":"1","jumlah":2,"tertinggi":113.7037037037,"terendah":100.87880697,"#
            + #""lebih":1,"bagian":50,"rata":107.2912553369}"#)
    }
}
