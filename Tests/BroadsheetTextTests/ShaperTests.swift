import Testing
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
