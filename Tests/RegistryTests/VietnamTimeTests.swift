import Foundation
import Testing
import Registry

@Suite struct VietnamTimeTests {
    @Test func formatsWithThePlusSevenOffset() {
        let instant = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z
        #expect(VietnamTime.iso8601(instant) == "2026-11-18T18:06:40+07:00")
        #expect(VietnamTime.date(iso8601: "2026-11-18T18:06:40+07:00") == instant)
        #expect(VietnamTime.date(iso8601: "2026-11-18T11:06:40Z") == instant)
        #expect(VietnamTime.date(iso8601: "18/11/2026") == nil)
    }

    @Test func yearAndDayChangeAtMidnightInVietnam() {
        let before = VietnamTime.date(iso8601: "2026-12-31T16:59:59Z")!
        let after = VietnamTime.date(iso8601: "2026-12-31T17:00:00Z")!
        #expect(VietnamTime.year(of: before) == 2026)
        #expect(VietnamTime.year(of: after) == 2027)
        #expect(VietnamTime.day(of: before) == "2026-12-31")
        #expect(VietnamTime.day(of: after) == "2027-01-01")
    }
}
