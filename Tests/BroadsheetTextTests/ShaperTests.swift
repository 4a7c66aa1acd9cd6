import Testing
import CHarfBuzz
import Dispatch
import Foundation
@testable import BroadsheetText

@Suite struct ShaperTests {
    static let store: FontStore = try! FontStore.bundled()
    let shaper = Shaper(store: ShaperTests.store)

    @Test func clustersCoverEveryCharacterInOrder() throws {
        let text = "他说：“AI大模型增长132.2%——日长色入石大。”"
        let p = try shaper.shape(text, style: TextStyle(role: "body", size: 9))
        var next = 0
        for c in p.clusters {
            #expect(c.start == next)
            #expect(c.end > c.start)
            #expect(c.glyphEnd > c.glyphStart)
            next = c.end
        }
        #expect(next == text.unicodeScalars.count)
        #expect(p.missing.isEmpty)
    }

    /// The cmap cache in front of each face must answer exactly as the face's own cmap, for
    /// characters it has, characters it lacks and characters past the cached planes, whether
    /// the slot was empty or filled, with several threads filling it at once.
    @Test func cachedCharacterMapAgreesWithTheFace() throws {
        let font = ShaperTests.store.font(try ShaperTests.store.chain(for: "body")[0])
        let scalars: [UInt32] = Array(0x20..<0x3400) + Array(0x4E00..<0xA000) + Array(0xFF00..<0xFFF0)
            + Array(0x1F300..<0x1F340) + Array(0x20000..<0x20100) + [0x2FFFF, 0x30000, 0xE0100, 0x10FFFF]
        func direct(_ u: UInt32) -> UInt32? {
            var g: hb_codepoint_t = 0
            return hb_font_get_nominal_glyph(font.parent, u, &g) != 0 ? g : nil
        }
        let expected = scalars.map(direct)
        #expect(expected.contains { $0 == nil } && expected.contains { $0 != nil })
        let mismatches = LockedCount()
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            var bad = 0
            for round in 0..<2 {            // first round fills the slots, second reads them
                for k in scalars.indices where (k + t + round) % 2 == 0 || round == 1 {
                    if font.glyph(for: scalars[k]) != expected[k] { bad += 1 }
                }
            }
            mismatches.add(bad)
        }
        #expect(mismatches.value == 0)
        // HarfBuzz goes through the cache when shaping, including its fallbacks for characters
        // the face lacks (a substitute space or hyphen, decomposing a precomposed letter),
        // which need a miss to stop the batch lookup: same glyphs, clusters and positions as
        // the plain font.
        func shape(_ hbFont: OpaquePointer, _ text: [UInt32]) -> [[Int64]] {
            let buffer = hb_buffer_create()!
            defer { hb_buffer_destroy(buffer) }
            hb_buffer_add_codepoints(buffer, text, Int32(text.count), 0, Int32(text.count))
            hb_buffer_guess_segment_properties(buffer)
            hb_shape(hbFont, buffer, nil, 0)
            var count: UInt32 = 0
            let infos = hb_buffer_get_glyph_infos(buffer, &count)!
            let positions = hb_buffer_get_glyph_positions(buffer, &count)!
            return (0..<Int(count)).map { k in
                [Int64(infos[k].codepoint), Int64(infos[k].cluster), Int64(positions[k].x_advance),
                 Int64(positions[k].x_offset), Int64(positions[k].y_offset)]
            }
        }
        let texts = ["日长色入石大，AI大模型132.2%——《新闻》", "a\u{2002}b\u{2011}c\u{2007}d", "\u{01F9}\u{1E9E}e\u{0301}",
                     "葛\u{E0100}邊\u{E0101}", "\u{0378}\u{E000}日"]
        for text in texts {
            let scalars = text.unicodeScalars.map(\.value)
            #expect(shape(font.font, scalars) == shape(font.parent, scalars), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func doubleEmDashIsOneTwoEmCluster() throws {
        let p = try shaper.shape("好——新", style: TextStyle(role: "body", size: 10))
        let dash = try #require(p.clusters.first { $0.start == 1 })
        #expect(dash.end == 3)
        #expect(abs(dash.advance - 20) < 0.01)
    }

    @Test func chinesePunctuationIsFullWidthInHanContext() throws {
        // Common-script marks take the Han script so `locl` gives the mainland forms: ：？！
        // must be 1 em and sit left in the em box (ink on the left half).
        let p = try shaper.shape("问：是吗？好！", style: TextStyle(role: "body", size: 10))
        for c in p.clusters {
            #expect(abs(c.advance - 10) < 0.01, "cluster \(c.start) advance \(c.advance)")
        }
    }

    @Test func fallbackUsesNextFaceAndReportsMissing() throws {
        // LXGW WenKai lacks some rare characters Noto has; the kai role falls back to song.
        let store = ShaperTests.store
        let kai = try store.chain(for: "kai")
        #expect(kai.count >= 2)
        let emoji = "新闻😀报道"
        let p = try shaper.shape(emoji, style: TextStyle(role: "body", size: 9))
        #expect(p.missing.count == 1)
        #expect(p.missing.first?.scalar == 0x1F600)
        #expect(p.missing.first?.index == 2)
        #expect(p.missing.first?.description.contains("U+1F600") == true)
    }

    @Test func charactersTheFaceLacksComeFromTheNextFaceInTheChain() throws {
        // LXGW WenKai has no Hangul jamo (U+1100…); the kai role falls back to Noto Serif (song).
        let kai = try ShaperTests.store.chain(for: "kai")
        let p = try shaper.shape("楷体\u{1100}\u{1101}楷", style: TextStyle(role: "kai", size: 9))
        #expect(p.clusters.filter { $0.start == 0 || $0.start == 4 }.allSatisfy { $0.font == kai[0] })
        #expect(p.clusters.filter { $0.start == 2 || $0.start == 3 }.allSatisfy { $0.font == kai[1] })
        // Noto Serif CJK lacks U+9FEB 鿫, Noto Sans CJK has it: body falls back to hei.
        let body = try ShaperTests.store.chain(for: "body")
        let q = try shaper.shape("字鿫字", style: TextStyle(role: "body", size: 9))
        #expect(q.missing.isEmpty)
        #expect(q.clusters[1].font == body[1] && q.clusters[0].font == body[0])
        #expect(ShaperTests.store.displayName(body[1]).contains("Sans"))
    }

    @Test func unknownRoleIsAnError() {
        #expect(throws: FontError.self) {
            _ = try shaper.shape("字", style: TextStyle(role: "nonesuch", size: 9))
        }
    }

    @Test func scriptRunsSplitAtLatin() throws {
        let p = try shaper.shape("推进AI大模型", style: TextStyle(role: "body", size: 9))
        // A and I are proportional Latin glyphs, narrower than an ideograph.
        let a = try #require(p.clusters.first { $0.start == 2 })
        #expect(a.advance < 9 * 0.8)
        let han = try #require(p.clusters.first { $0.start == 4 })
        #expect(abs(han.advance - 9) < 0.01)
    }
}

/// A counter several test threads add to.
final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    func add(_ n: Int) { lock.lock(); total += n; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return total }
}
