import Testing
@testable import KinerjaCore

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test("valid dates round-trip", arguments: ["1970-01-01", "2024-02-29", "2026-12-31", "1965-07-15", "2000-02-29"])
    func roundTrip(_ text: String) throws {
        let days = try #require(CalendarDate.days(from: text))
        #expect(CalendarDate.text(fromDays: days) == text)
    }

    @Test("day numbers")
    func dayNumbers() {
        #expect(CalendarDate.days(from: "1970-01-01") == 0)
        #expect(CalendarDate.days(from: "1970-01-02") == 1)
        #expect(CalendarDate.days(from: "1969-12-31") == -1)
        #expect(CalendarDate.days(from: "2026-01-01") == 20454)
    }

    @Test("invalid dates", arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-01-01", "2026/01/01", ""])
    func invalid(_ text: String) {
        #expect(CalendarDate.days(from: text) == nil)
    }
}

@Suite("Spelling")
struct SpellingTests {
    @Test("closest name within a third of its length")
    func closest() {
        #expect(Spelling.closest(to: "rating_hasl", in: ["rating_hasil", "rating_perilaku"]) == "rating_hasil")
        #expect(Spelling.closest(to: "supervsor", in: ["supervisor", "peers"]) == "supervisor")
        #expect(Spelling.closest(to: "xyz", in: ["supervisor", "peers"]) == nil)
    }
}
