import Foundation

/// A calendar date of an issue, as printed in the masthead: a proleptic Gregorian
/// year, month and day with no time and no time zone.
///
/// Only real dates can be made (`2025-02-29` is rejected). In JSON an `IssueDate`
/// is the ISO string `"2025-01-10"`; the keyed form `{"year":…,"month":…,"day":…}`
/// is also accepted when decoding.
public struct IssueDate: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validates the date; years 1…9999 only.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...IssueDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (four, two and two ASCII digits).
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `2025-01-10`
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    public static func < (a: IssueDate, b: IssueDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's `days_from_civil`.
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey { case year, month, day }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let s = try? single.decode(String.self) {
            guard let d = IssueDate(iso: s) else {
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "not a YYYY-MM-DD date: \(s)")
            }
            self = d
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let y = try c.decode(Int.self, forKey: .year)
        let m = try c.decode(Int.self, forKey: .month)
        let d = try c.decode(Int.self, forKey: .day)
        guard let date = IssueDate(year: y, month: m, day: d) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "no such date: \(y)-\(m)-\(d)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// The three parts of a Chinese masthead date line, e.g. for 2025-01-10:
/// `2025年1月10日`, `星期五`, `农历甲辰年十二月十一`.
public struct ChineseDateLine: Sendable {
    /// `2025年1月10日` (no leading zeros, ASCII digits).
    public static func gregorian(_ date: IssueDate) -> String {
        "\(date.year)年\(date.month)月\(date.day)日"
    }

    /// `星期一` … `星期六`, `星期日`.
    public static func weekday(_ date: IssueDate) -> String {
        // 1970-01-01 was a Thursday (index 4, with 0 = Sunday).
        let names = ["日", "一", "二", "三", "四", "五", "六"]
        let i = ((date.daysSinceEpoch + 4) % 7 + 7) % 7
        return "星期" + names[i]
    }

    /// `农历甲辰年十二月十一`: the sexagenary (干支) name of the lunar year, which
    /// changes at Chinese New Year, then the lunar month (`正月`, `二月` … `十一月`,
    /// `十二月`, leap months prefixed `闰`) and the day (`初一` … `初十`, `十一` …
    /// `二十`, `廿一` … `廿九`, `三十`).
    public static func lunar(_ date: IssueDate) -> String {
        let l = LunarDate(date)
        return "农历" + l.yearName + "年" + l.monthName + l.dayName
    }
}

/// A date in the Chinese (lunisolar) calendar as computed by Foundation's
/// `Calendar(identifier: .chinese)` for the civil day in China (Asia/Shanghai,
/// UTC+8), which is what Chinese almanacs are computed for.
public struct LunarDate: Hashable, Sendable {
    /// Position in the 60-year cycle, 1 = 甲子 … 60 = 癸亥.
    public let cycleYear: Int
    /// 1 … 12
    public let month: Int
    public let isLeapMonth: Bool
    /// 1 … 30
    public let day: Int

    public init(_ date: IssueDate) {
        let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
        // 12:00 of that civil day in China (04:00 UTC): far from midnight either side.
        let instant = Date(timeIntervalSince1970: Double(date.daysSinceEpoch) * 86_400 + 4 * 3600)
        var chinese = Calendar(identifier: .chinese)
        chinese.timeZone = zone
        let c = chinese.dateComponents([.year, .month, .day], from: instant)
        cycleYear = c.year!
        month = c.month!
        day = c.day!
        isLeapMonth = c.isLeapMonth ?? false
    }

    static let stems = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
    static let branches = ["子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"]
    static let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// `甲辰`
    public var yearName: String {
        let i = ((cycleYear - 1) % 60 + 60) % 60
        return LunarDate.stems[i % 10] + LunarDate.branches[i % 12]
    }

    /// `正月`, `二月` … `十月`, `十一月`, `十二月`; `闰六月`.
    public var monthName: String {
        let n: String
        switch month {
        case 1: n = "正"
        case 2...10: n = LunarDate.digits[month]
        default: n = "十" + LunarDate.digits[month - 10]
        }
        return (isLeapMonth ? "闰" : "") + n + "月"
    }

    /// `初一` … `初十`, `十一` … `十九`, `二十`, `廿一` … `廿九`, `三十`.
    public var dayName: String {
        switch day {
        case 1...10: return "初" + LunarDate.digits[day]
        case 11...19: return "十" + LunarDate.digits[day - 10]
        case 20: return "二十"
        case 21...29: return "廿" + LunarDate.digits[day - 20]
        default: return "三十"
        }
    }
}
