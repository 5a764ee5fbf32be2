/// The arrival number (số đến): consecutive within a calendar year of Vietnam time,
/// shared by paper and electronic documents, never reused.
public struct ArrivalNumber: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let year: Int
    public let number: Int

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    /// `12/2026`, as written on the arrival stamp and in the paper register.
    public var description: String { "\(number)/\(year)" }

    public static func < (lhs: ArrivalNumber, rhs: ArrivalNumber) -> Bool {
        (lhs.year, lhs.number) < (rhs.year, rhs.number)
    }
}
