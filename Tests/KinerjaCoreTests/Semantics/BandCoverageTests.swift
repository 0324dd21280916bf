import Testing
@testable import KinerjaCore

@Suite("BandCoverage")
struct BandCoverageTests {
    private func n(_ value: Int64) -> Number { Number(value) }
    private func atLeast(_ value: Int64) -> BandInterval {
        BandInterval(lower: BandBound(value: n(value), isInclusive: true), upper: nil)
    }
    private func below(_ value: Int64) -> BandInterval {
        BandInterval(lower: nil, upper: BandBound(value: n(value), isInclusive: false))
    }
    private func range(_ from: Int64, _ to: Int64) -> BandInterval {
        BandInterval(lower: BandBound(value: n(from), isInclusive: true), upper: BandBound(value: n(to), isInclusive: false))
    }

    @Test("a chain of thresholds with otherwise covers everything")
    func chainCovers() {
        #expect(BandCoverage.firstGap(in: .everything, coveredBy: [atLeast(110), atLeast(90), .everything]) == nil)
    }

    @Test("a chain without otherwise leaves the values below the last threshold")
    func chainGap() throws {
        let gap = try #require(BandCoverage.firstGap(in: .everything, coveredBy: [atLeast(110), atLeast(90)]))
        #expect(gap.lower == nil)
        #expect(gap.upper == BandBound(value: n(90), isInclusive: false))
        #expect(BandCoverage.describe(gap, .plain) == "values below 90")
    }

    @Test("adjacent ranges have no gap; a missing piece is found")
    func ranges() throws {
        #expect(BandCoverage.firstGap(in: .everything, coveredBy: [below(50), range(50, 76), atLeast(76)]) == nil)
        let gap = try #require(BandCoverage.firstGap(in: .everything, coveredBy: [below(50), range(51, 76), atLeast(76)]))
        #expect(BandCoverage.describe(gap, .plain) == "values from 50 and below 51")
    }

    @Test("the gap is limited to the domain")
    func domain() {
        let domain = BandInterval(lower: BandBound(value: n(1), isInclusive: true), upper: BandBound(value: n(5), isInclusive: true))
        #expect(BandCoverage.firstGap(in: domain, coveredBy: [atLeast(3), atLeast(1)]) == nil)
    }

    @Test("a point left open is a gap")
    func openPoint() throws {
        let above90 = BandInterval(lower: BandBound(value: n(90), isInclusive: false), upper: nil)
        let gap = try #require(BandCoverage.firstGap(in: .everything, coveredBy: [below(90), above90]))
        #expect(BandCoverage.describe(gap, .plain) == "the value 90")
    }
}
