import Testing

@testable import KinerjaCore

@Suite("Evaluation semantics")
struct EvaluationTests {
    @Test("decimal arithmetic is exact: 0.1 + 0.2 = 0.3, 2/3 is written to 10 places")
    func exactDecimals() throws {
        let harness = try PolicyHarness("""
            policy t
            record { nip text key  a number  b number }
            output { jumlah = a + b  sama = a + b = 0.3  bagi = 2 / 3  pas = round(3.775, 2)  neg = round(-2.5, 0) }
            """)
        #expect(harness.result(#"{"nip":"1","a":0.1,"b":0.2}"#)
            == #"{"nip":"1","jumlah":0.3,"sama":true,"bagi":0.6666666667,"pas":3.78,"neg":-3}"#)
    }

    @Test("a value exactly on a band threshold lands on it")
    func bandBoundary() throws {
        let harness = try PolicyHarness("""
            policy t
              uses nasional
            record { nip text key  cakupan percent  atasan score(1..5)  rekan list of score(1..5) }
            hasil = cakupan / 95%
            perilaku = weighted_mean(atasan: 50, mean(rekan): 30)
            output {
              rating_hasil = nasional.rating_hasil(hasil)
              rating_perilaku = nasional.rating_perilaku(perilaku)
              nilai = perilaku
            }
            """)
        #expect(harness.results([
            #"{"nip":"a","cakupan":85.5,"atasan":3,"rekan":[3]}"#,
            #"{"nip":"b","cakupan":85.4,"atasan":5,"rekan":[4,4,4]}"#,
            #"{"nip":"c","cakupan":104.5,"atasan":4,"rekan":[5]}"#,
        ]) == [
            #"{"nip":"a","rating_hasil":"meets","rating_perilaku":"meets","nilai":3}"#,
            #"{"nip":"b","rating_hasil":"below","rating_perilaku":"above","nilai":4.625}"#,
            #"{"nip":"c","rating_hasil":"above","rating_perilaku":"meets","nilai":4.375}"#,
        ])
    }

    @Test("durations convert exactly between units")
    func units() throws {
        let harness = try PolicyHarness("""
            policy t
            record { nip text key  jam list of duration(h)  menit duration(min) }
            output {
              cepat = share(jam, each <= 10 min)
              total = sum(jam) + menit
              rasio = menit / 1 h
              hari = 2026-03-01 - 2026-02-01
            }
            """)
        #expect(harness.result(#"{"nip":"1","jam":[0.1,0.25,0.16666],"menit":30}"#)
            == #"{"nip":"1","cepat":66.6666666667,"total":1.01666,"rasio":0.5,"hari":28}"#)
    }

    @Test("absent values propagate; conditions treat absent as not true; three-valued logic")
    func absence() throws {
        let harness = try PolicyHarness("""
            policy t
            record { nip text key  x number optional  daftar list of number optional }
            output {
              tambah = x + 1
              ada = present(x)
              bawaan = x ?? 7
              rata = mean(daftar)
              jumlah = sum(daftar)
              banyak = count(daftar)
              dan_salah = x > 1 and false
              atau_benar = x > 1 or true
              tidak = not (x > 1)
              pilih = if x > 1 then "besar" else "lain"
            }
            """)
        #expect(harness.result(#"{"nip":"1"}"#) == #"{"nip":"1","tambah":null,"ada":false,"bawaan":7,"rata":null,"#
            + #""jumlah":0,"banyak":0,"dan_salah":false,"atau_benar":true,"tidak":null,"pilih":"lain"}"#)
        #expect(harness.result(#"{"nip":"2","x":null,"daftar":[1,2]}"#).hasPrefix(#"{"nip":"2","tambah":null"#))
    }

    /// Two indicators: `satu` applies to dinkes only, `dua` (lower is better, capped at 120%) to everyone who has `b`.
    static let twoIndicators = """
        policy t
        record { nip text key  unit text  a number optional  b number optional }
        indicator satu {
          applies unit = "dinkes"
          actual a
          target 10
          weight 60
        }
        indicator dua {
          actual b
          target 10
          better lower
          cap 120%
          weight 40
        }

        """

    @Test("not applicable is not zero: weights are re-normalised; no applicable indicator is absent")
    func applicability() throws {
        let harness = try PolicyHarness(Self.twoIndicators + """
            output { hasil = weighted_mean(capaian of indicators) }
            """)
        #expect(harness.results([
            #"{"nip":"1","unit":"dinkes","a":9,"b":5}"#,
            #"{"nip":"2","unit":"disdik","a":9,"b":5}"#,
            #"{"nip":"3","unit":"disdik","a":9}"#,
            #"{"nip":"4","unit":"dinkes","a":10,"b":25}"#,
        ]) == [
            #"{"nip":"1","hasil":102}"#,
            #"{"nip":"2","hasil":120}"#,
            #"{"nip":"3","hasil":null}"#,
            #"{"nip":"4","hasil":60}"#,
        ])
    }

    @Test("list functions over capaian of indicators: only the indicators that apply, without weights")
    func capaianList() throws {
        let harness = try PolicyHarness(Self.twoIndicators + """
            output {
              n = count(capaian of indicators)
              rata = mean(capaian of indicators)
              terendah = min(capaian of indicators)
              tertinggi = max(capaian of indicators)
              penuh = share(capaian of indicators, each >= 100%)
            }
            """)
        #expect(harness.results([
            #"{"nip":"1","unit":"dinkes","a":9,"b":5}"#,
            #"{"nip":"2","unit":"disdik","a":9,"b":5}"#,
            #"{"nip":"3","unit":"disdik","a":9}"#,
        ]) == [
            #"{"nip":"1","n":2,"rata":105,"terendah":90,"tertinggi":120,"penuh":50}"#,
            #"{"nip":"2","n":1,"rata":120,"terendah":120,"tertinggi":120,"penuh":100}"#,
            #"{"nip":"3","n":0,"rata":null,"terendah":null,"tertinggi":null,"penuh":null}"#,
        ])
    }

    @Test("list functions: median, nearest-rank percentile, share, count with a condition, min and max")
    func listFunctions() throws {
        let harness = try PolicyHarness("""
            policy t
            record { nip text key  v list of number }
            output {
              tengah = median(v)
              p90 = percentile(v, 90%)
              p0 = percentile(v, 0%)
              bagian = share(v, each > 2)
              besar = count(v, each > 2)
              kecil = min(v)
              terbesar = max(v)
              batas = clamp(max(v), 0, 4)
              mutlak = abs(min(v) - 10)
            }
            """)
        #expect(harness.result(#"{"nip":"1","v":[5,1,4,2,3,6]}"#) == #"{"nip":"1","tengah":3.5,"p90":6,"p0":1,"#
            + #""bagian":66.6666666667,"besar":4,"kecil":1,"terbesar":6,"batas":4,"mutlak":9}"#)
    }

    @Test("matrices, decision tables, scale order, name and label")
    func decisions() throws {
        let harness = try PolicyHarness("""
            policy t
              uses nasional
            record { nip text key  p nasional.ekspektasi  h nasional.ekspektasi  dana boolean }
            table tindak(h: nasional.ekspektasi, dana: boolean) -> text {
              below, true -> "latih"
              below, false -> "bina"
              {meets, above}, _ -> "-"
            }
            output {
              predikat = nasional.predikat(p, h)
              tindakan = tindak(h, dana)
              baik = h >= meets
              nama = name(h)
              label = label(h)
            }
            """)
        #expect(harness.result(#"{"nip":"1","p":"above","h":"below","dana":false}"#)
            == #"{"nip":"1","predikat":"Butuh Perbaikan","tindakan":"bina","baik":false,"nama":"below","label":"Di Bawah Ekspektasi"}"#)
    }

    @Test("record errors name the field; evaluation errors name the expression; the batch goes on")
    func recordErrors() throws {
        let harness = try PolicyHarness("""
            policy t
            record { nip text key  s score(1..5)  n count  d date optional  p list of percent }
            output { bagi = 10 / (s - 3) }
            """)
        #expect(harness.results([
            #"{"nip":"1","s":7,"n":1,"p":[]}"#,
            #"{"nip":"2","s":4,"n":1.5,"p":[]}"#,
            #"{"nip":"3","s":4,"n":1,"d":"2026-02-30","p":[]}"#,
            #"{"nip":"4","s":4,"n":1,"p":[1,"x"]}"#,
            #"{"nip":"5","s":4,"p":[]}"#,
            #"{"nip":"6","s":3,"n":1,"p":[]}"#,
            #"{"nip":"7","s":"4","n":1,"p":[]}"#,
            #"{"nip":"8","s":5,"n":2,"p":[10]}"#,
            #"{"nip":"9","s":5,"n":2,"p":[10]"#,
        ]) == [
            #"{"nip":"1","record":1,"line":1,"error":{"code":"R003","field":"s","message":"'s' must be between 1 and 5, found 7"}}"#,
            #"{"nip":"2","record":2,"line":2,"error":{"code":"R003","field":"n","message":"'n' must be a whole number, found 1.5"}}"#,
            #"{"nip":"3","record":3,"line":3,"error":{"code":"R003","field":"d","message":"'d' is not a date YYYY-MM-DD: \"2026-02-30\""}}"#,
            #"{"nip":"4","record":4,"line":4,"error":{"code":"R002","field":"p[1]","message":"'p[1]' must be percent, found the text \"x\""}}"#,
            #"{"nip":"5","record":5,"line":5,"error":{"code":"R001","field":"n","message":"required field 'n' is missing or empty"}}"#,
            #"{"nip":"6","record":6,"line":6,"error":{"code":"R101","message":"division by zero"}}"#,
            #"{"nip":"7","record":7,"line":7,"error":{"code":"R002","field":"s","message":"'s' must be score(1..5), found the text \"4\""}}"#,
            #"{"nip":"8","bagi":5}"#,
            #"{"record":9,"line":9,"error":{"code":"D001","line":9,"column":32,"message":"invalid JSON: expected ',' or '}' after object member, found end of input"}}"#,
        ])
    }

    @Test("a number beyond the size bound is a record error, not a wrong number; below it, exact")
    func overflow() throws {
        // g = x^128: 4038 bits for x = 3 · 10^9, within the bound; 8064 bits for x = 9 · 10^18, beyond it.
        let harness = try PolicyHarness("""
            policy t
            record { nip text key  x number }
            a = x * x
            b = a * a
            c = b * b
            d = c * c
            e = d * d
            f = e * e
            g = f * f
            output { besar = x * x * x  satu = g / g - (g - 1) / g * 0 }
            """)
        #expect(harness.results([#"{"nip":"1","x":3000000000}"#, #"{"nip":"2","x":9000000000000000000}"#]) == [
            #"{"nip":"1","besar":27000000000000000000000000000,"satu":1}"#,
            #"{"nip":"2","record":2,"line":2,"error":{"code":"R102","message":"number too large for exact arithmetic"}}"#,
        ])
    }

    @Test("an indicator's clauses that read its own actual or target never see the last record's outcome")
    func indicatorClausesSeeOnlyTheirRecord() throws {
        func policy(_ clauses: String) -> String {
            """
            policy t
            record {
              nip text key
              a number optional
            }
            indicator i {
            \(clauses)
              weight 1
            }
            output {
              hasil = weighted_mean(capaian of indicators)
            }
            """
        }
        let records = ["10", "3", "5"].enumerated().map { #"{"nip":"\#($0.offset)","a":\#($0.element)}"# }
        // `target` reads `actual`, which is the record's own; `applies` runs before `actual` exists, so it sees none.
        let cases = [
            ("  actual a\n  target actual * 2", ["50", "50", "50"]),
            ("  applies not present(actual)\n  actual a\n  target 10", ["100", "30", "50"]),
        ]
        for (clauses, expected) in cases {
            let harness = try PolicyHarness(policy(clauses))
            // In input order and reversed, each record gets the same result.
            for order in [Array(records.indices), records.indices.reversed()] {
                let results = harness.results(order.map { records[$0] })
                for (position, index) in order.enumerated() {
                    #expect(results[position] == #"{"nip":"\#(index)","hasil":\#(expected[index])}"#, "\(clauses)")
                }
            }
        }
    }

    @Test("a target that reads its indicator's actual has that actual's type, not the type of the indicator before")
    func targetReadsItsOwnActualType() throws {
        let harness = try PolicyHarness("""
            policy t
            record {
              nip text key
              d duration(day)
            }
            indicator satu {
              actual d
              target 2 day
              weight 50
            }
            indicator dua {
              actual 5%
              target actual * 0.5
              weight 50
            }
            output {
              hasil = weighted_mean(capaian of indicators)
            }
            """)
        #expect(harness.result(#"{"nip":"1","d":1}"#) == #"{"nip":"1","hasil":125}"#)
    }
}
