import Foundation
import Testing
@testable import BroadsheetLayout

/// Expected values are almanac facts checked independently of Foundation:
/// Chinese New Year dates, New Year's Eve (除夕) dates, the published leap
/// months of 2020 (闰四月), 2023 (闰二月) and 2025 (闰六月), and the date line
/// printed on the sample issue (平湖日报, 2025-01-10).
@Suite("ChineseDateLine")
struct DateLineTests {
    private func date(_ iso: String) throws -> IssueDate {
        try #require(IssueDate(iso: iso))
    }

    @Test("the sample issue's masthead line")
    func sampleIssue() throws {
        let d = try date("2025-01-10")
        #expect(ChineseDateLine.gregorian(d) == "2025年1月10日")
        #expect(ChineseDateLine.weekday(d) == "星期五")
        #expect(ChineseDateLine.lunar(d) == "农历甲辰年十二月十一")
    }

    @Test("lunar dates", arguments: [
        // Chinese New Year: the 干支 year changes here, not on 1 January.
        ("2024-02-10", "农历甲辰年正月初一"),
        ("2025-01-29", "农历乙巳年正月初一"),
        ("2023-01-22", "农历癸卯年正月初一"),
        ("2000-02-05", "农历庚辰年正月初一"),
        // New Year's Eve: 2024 had a 30-day 腊月, 2025's 除夕 was 腊月廿九.
        ("2024-02-09", "农历癸卯年十二月三十"),
        ("2025-01-28", "农历甲辰年十二月廿九"),
        // Leap months.
        ("2023-03-22", "农历癸卯年闰二月初一"),
        ("2025-07-25", "农历乙巳年闰六月初一"),
        ("2020-05-23", "农历庚子年闰四月初一"),
        // The "2033 problem": the official calendar puts the leap month after
        // the 11th month (闰十一月 from 2033-12-22); ICU agrees.
        ("2033-12-22", "农历癸丑年闰十一月初一"),
        // The months either side of a leap month are ordinary.
        ("2025-06-25", "农历乙巳年六月初一"),
        ("2025-08-23", "农历乙巳年七月初一"),
        // Day and month numerals around the sample date (一 … 十, 十一, 二十, 廿一).
        ("2024-12-01", "农历甲辰年十一月初一"),
        ("2024-12-31", "农历甲辰年十二月初一"),
        ("2025-01-09", "农历甲辰年十二月初十"),
        ("2025-01-19", "农历甲辰年十二月二十"),
        ("2025-01-20", "农历甲辰年十二月廿一"),
        // Mid-Autumn Festival 2024.
        ("2024-09-17", "农历甲辰年八月十五"),
    ])
    func lunar(iso: String, expected: String) throws {
        #expect(ChineseDateLine.lunar(try date(iso)) == expected)
    }

    @Test("weekdays", arguments: [
        ("1970-01-01", "星期四"),
        ("2000-01-01", "星期六"),
        ("2024-02-10", "星期六"),
        ("2025-01-29", "星期三"),
        ("2023-03-22", "星期三"),
        ("2025-07-25", "星期五"),
        ("2020-05-23", "星期六"),
        ("2024-02-29", "星期四"),
        ("2025-01-12", "星期日"),
    ])
    func weekday(iso: String, expected: String) throws {
        #expect(ChineseDateLine.weekday(try date(iso)) == expected)
    }

    @Test("gregorian line has no leading zeros")
    func gregorian() throws {
        #expect(ChineseDateLine.gregorian(try date("2024-02-09")) == "2024年2月9日")
        #expect(ChineseDateLine.gregorian(try date("2023-12-31")) == "2023年12月31日")
    }

    @Test("invalid ISO dates are rejected", arguments: [
        "", "2025-1-10", "2025-01-1", "20250110", "2025/01/10", "2025-01-10T00:00",
        "2025-13-01", "2025-00-10", "2025-01-00", "2025-01-32", "2025-02-29",
        "1900-02-29", "2024-04-31", "0000-01-01", "+025-01-10", "２０２５-01-10", "abcd-ef-gh",
    ])
    func invalid(iso: String) {
        #expect(IssueDate(iso: iso) == nil)
    }

    @Test("valid edge dates are accepted")
    func validEdges() throws {
        let leap = try date("2024-02-29")
        #expect(leap.year == 2024 && leap.month == 2 && leap.day == 29)
        #expect(IssueDate(iso: "2000-02-29") != nil)
        #expect(try date("2025-01-10").iso == "2025-01-10")
    }

    @Test("Codable uses the ISO string and accepts the keyed form")
    func codable() throws {
        let d = try date("2025-01-10")
        let data = try JSONEncoder().encode([d])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2025-01-10\"]")
        #expect(try JSONDecoder().decode([IssueDate].self, from: data) == [d])
        let keyed = Data(#"{"year":2025,"month":1,"day":10}"#.utf8)
        #expect(try JSONDecoder().decode(IssueDate.self, from: keyed) == d)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([IssueDate].self, from: Data(#"["2025-02-30"]"#.utf8))
        }
    }
}
