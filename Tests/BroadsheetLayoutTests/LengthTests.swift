import Foundation
import Testing
import BroadsheetLayout

/// Length.parse trims its input with its own scalar loop instead of Foundation's
/// `trimmingCharacters(in: .whitespaces)`; the two must read every input alike.
@Suite struct LengthTests {
    @Test func trimsLikeFoundationWhitespace() {
        let blanks = ["", " ", "\t", "\u{00A0}", "\u{3000}", "\u{2003}", "\n", "\u{200B}"]
        for core in ["9pt", "9 pt", "3.175mm", "12 lines", "小五", "2em", "9", "x"] {
            for a in blanks {
                for b in blanks {
                    let s = a + core + b
                    let viaFoundation = Length.parse(s.trimmingCharacters(in: .whitespaces), defaultUnit: "pt")
                    #expect(Length.parse(s, defaultUnit: "pt") == viaFoundation, "\(s.unicodeScalars.map { $0.value })")
                }
            }
        }
        #expect(Length.parse("\u{3000}9pt\t") == .pt(9))
        #expect(Length.parse("9pt\n") == nil)          // a newline is not a space: as before
    }
}
