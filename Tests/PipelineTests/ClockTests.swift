import Foundation
import Testing
@testable import Pipeline

/// The run's clock: its hand-made RFC 3339 text must be what `ISO8601DateFormatter` wrote before.
@Suite struct ClockTests {
    @Test func formatsAsTheISO8601FormatterDid() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        // Epoch, a leap day, a year-end second, a fractional second (truncated, not rounded), before 1970, year 9999.
        let times: [TimeInterval] = [0, 951_782_400, 1_798_761_599, 1_796_000_000.999, -86_400.5, 253_402_300_799]
        for time in times {
            let date = Date(timeIntervalSince1970: time)
            #expect(Clock.format(date) == formatter.string(from: date), "at \(time)")
        }
        #expect(Clock.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    @Test func pinnedClockStaysPinnedAndTheRealOneIsValid() {
        #expect(Clock(pinned: "2026-11-29T18:23:41Z").now() == "2026-11-29T18:23:41Z")
        let now = Clock().now()
        #expect(Clock.isValid(now))
        #expect(now.count == 20 && now.hasSuffix("Z"))
    }
}
