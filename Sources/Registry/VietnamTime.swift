import Foundation

/// Vietnam time (UTC+07:00, no daylight saving), the clock of the register.
///
/// Timestamps are stored as ISO 8601 strings with an explicit `+07:00` offset, e.g.
/// `2026-11-21T17:08:03+07:00`, so that a printed register and the database read alike
/// and strings in the same offset sort chronologically.
public enum VietnamTime {
    public static let timeZone = TimeZone(secondsFromGMT: 7 * 3600)!

    private static let style = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone)

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// `2026-11-21T17:08:03+07:00` (whole seconds).
    public static func iso8601(_ date: Date) -> String {
        date.formatted(style)
    }

    /// Parses any ISO 8601 timestamp with an offset (`+07:00`, `Z`, ...).
    public static func date(iso8601 string: String) -> Date? {
        try? style.parse(string)
    }

    /// The calendar year in Vietnam: 2026-12-31T17:00:00Z is already 2027.
    public static func year(of date: Date) -> Int {
        calendar.component(.year, from: date)
    }

    /// `2026-11-21`, the calendar day in Vietnam.
    public static func day(of date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
