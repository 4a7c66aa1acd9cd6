/// Turns the issue date into the ISO 8601 timestamp Cairo writes as /CreationDate and
/// /ModDate. The time is fixed at midnight Beijing time: the date belongs to the issue, and
/// taking anything from the clock would make two renders of one issue differ.
enum PDFDate {
    static func timestamp(fromISODate date: String) throws -> String {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else {
            throw RenderError.invalidDate(date)
        }
        return "\(date)T00:00:00+08:00"
    }
}
