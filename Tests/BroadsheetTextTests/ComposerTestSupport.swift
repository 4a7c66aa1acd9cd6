import Foundation
import Testing
@testable import BroadsheetText

/// Shared fixtures and independent geometry helpers: the tests measure the composed glyphs
/// themselves rather than trusting the composer's own bookkeeping.
enum ComposerFixtures {
    static let store: FontStore = try! FontStore.bundled()
    static let shaper = Shaper(store: store)
    static let size = 10.0

    static func composer(_ o: ComposerOptions = ComposerOptions(firstLineIndent: 0)) -> ParagraphComposer {
        ParagraphComposer(shaper: shaper, options: o)
    }

    static func fixture(_ name: String, _ ext: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    static let sampleParagraphs: [String] = {
        let data = try! fixture("all", "txt")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }()

    /// The text of a line.
    static func text(_ p: ComposedParagraph, _ line: ComposedLine) -> String {
        StyledText.string(p.text.scalars[line.start..<line.end])
    }

    /// Line start/end prohibitions at clreq's strict level, written out independently of
    /// `BreakClass` so the test can catch a misclassified mark.
    static let noStart = Set("、，；：。．！？‼⁇⁈⁉”’」』）〕】〗］｝》〉～·・‧…%％℃‰°／/,.;:!?)]}".unicodeScalars.map(\.value))
    static let noEnd = Set("“‘「『（〔【〖［｛《〈([{￥¥$£／/".unicodeScalars.map(\.value))

    static func isDigit(_ v: UInt32) -> Bool { (0x30...0x39).contains(v) }
    static func isLatin(_ v: UInt32) -> Bool { (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) }

    /// Whether a break between scalars a|b (with their neighbours) splits a sequence that
    /// must stay whole: ——, ……, a number (with , and . inside it), a Latin word,
    /// prefix+number or number+suffix.
    static func splitsUnbreakable(_ s: [UInt32], at i: Int) -> Bool {
        guard i > 0, i < s.count else { return false }
        let a = s[i - 1], b = s[i]
        if a == 0x2014 && b == 0x2014 { return true }
        if a == 0x2026 && b == 0x2026 {
            var run = 0, k = i - 1
            while k >= 0, s[k] == 0x2026 { run += 1; k -= 1 }
            return run % 2 == 1
        }
        if (isDigit(a) || isLatin(a)) && (isDigit(b) || isLatin(b)) { return true }
        if isDigit(a) && (b == 0x2E || b == 0x2C) && i + 1 < s.count && isDigit(s[i + 1]) { return true }
        if (a == 0x2E || a == 0x2C) && isDigit(b) && i >= 2 && isDigit(s[i - 2]) { return true }
        if isDigit(b) && [0xFFE5, 0xA5, 0x24, 0xFF04].contains(a) { return true }
        if isDigit(a) && [0x25, 0xFF05, 0x2103, 0x2030, 0xB0].contains(b) { return true }
        if (isDigit(a) || isLatin(a)) && b == 0x2B { return true }      // 3+|3
        if a == 0x2B && (isDigit(b) || isLatin(b)) { return true }
        return false
    }

    /// Nominal (unsqueezed) advance of a cluster, from an independent shaping of the paragraph.
    static func nominalAdvance(_ shaped: ShapedParagraph, clusterStart: Int) -> Double {
        shaped.clusters.first { $0.start == clusterStart }!.advance
    }
}
