import Foundation
import Testing
import BroadsheetDisplay
import BroadsheetLayout
import BroadsheetText

@Suite struct PageCompositionTests {
    static let sample = LayoutFixtures.layouts + "/samples/pinghu-2025-01-10.json"

    func composeSample() throws -> ComposedIssue {
        try IssueComposer(store: LayoutFixtures.store, layoutsDir: LayoutFixtures.layouts).compose(issueAt: Self.sample)
    }

    @Test func bodyBaselinesLieOnTheGrid() throws {
        let c = try composeSample()
        var checked = 0
        for (p, boxes) in c.boxes.enumerated() {
            let g = c.geometries[p]
            for b in boxes where b.kind == "body" && abs(b.rect.height - g.bodySize) < 0.01 {
                let baseline = b.rect.y + b.rect.height * ideographicAscent
                let k = (baseline - g.baseline(0)) / g.linePitch
                #expect(abs(k - k.rounded()) < 0.001, "\(b.owner) line at y=\(baseline) is off the grid (k=\(k))")
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    @Test func noTextTouchesPhotosOrOtherArticles() throws {
        let c = try composeSample()
        let issue = try JSONDecoder().decode(Issue.self, from: Data(contentsOf: URL(fileURLWithPath: Self.sample)))
        for (p, page) in issue.pages.enumerated() {
            let g = c.geometries[p]
            var areas: [String: [Rect]] = [:]
            for e in page.elements {
                switch e {
                case .article(let a):
                    let rects = a.shape ?? [GridRect(column: a.column!, span: a.span!, top: a.top!, height: a.height!)]
                    areas[a.id] = rects.map(g.rect)
                case .continuation(let x):
                    areas[x.id] = [g.rect(GridRect(column: x.column, span: x.span, top: x.top, height: x.height))]
                default: break
                }
            }
            let photos = c.boxes[p].filter { $0.kind == "photo" || $0.kind == "ad" }
            let text = c.boxes[p].filter { ["body", "headline", "jump"].contains($0.kind) }
            #expect(text.count > 50)
            for t in text {
                let inner = t.rect.insetBy(dx: 0.25, dy: 0.25)
                for ph in photos { #expect(!inner.intersects(ph.rect), "\(t.owner) text overprints \(ph.owner)") }
                guard let own = areas[t.owner] else { continue }
                #expect(own.contains { $0.contains(t.rect, tolerance: 0.5) }, "\(t.owner) text \(t.rect) leaves its area")
                for (other, rects) in areas where other != t.owner {
                    for r in rects { #expect(!inner.intersects(r), "\(t.owner) text runs into \(other)") }
                }
            }
        }
    }

    @Test func headlineStackIsKickerMainSubheadThenBody() throws {
        let c = try LayoutFixtures.compose(elements: """
            { "type": "article", "id": "a", "column": 2, "span": 4, "top": 10, "height": 40,
              "headline": { "kicker": "省级集群名单公布", "main": "我市已创建4个集群", "subhead": "位列嘉兴第一", "span": 3 },
              "body": [\(Array(repeating: "\"\(LayoutFixtures.newsText)\"", count: 8).joined(separator: ","))] }
            """)
        let runs = LayoutFixtures.runs(c, owner: "a")
        func y(_ text: String) -> Double? { runs.first { $0.text.contains(text) }?.glyphs.first?.y }
        let k = try #require(y("省级集群名单公布")), m = try #require(y("我市已创建")), s = try #require(y("位列嘉兴第一"))
        let body = try #require(runs.first { $0.text.contains("近日") }?.glyphs.first?.y)
        #expect(k < m && m < s && s < body)
        // The main headline is centred over the stack's 3 columns, not the article's 4.
        let g = c.geometries[0]
        let main = try #require(runs.first { $0.text.contains("我市已创建") })
        let left = main.glyphs.first!.x
        let right = main.glyphs.last!.x + main.size
        let spanLeft = g.columnX(2), spanRight = g.columnX(2) + g.spanWidth(3)
        #expect(left > spanLeft && right < spanRight)
        #expect(abs((left + right) / 2 - (spanLeft + spanRight) / 2) < main.size)
        // Column 5 is beside the 3-column headline, so body text starts there at the top.
        let col5 = runs.filter { abs($0.glyphs.first!.x - g.columnX(5)) < g.columnWidth / 2 }
        #expect(col5.contains { $0.glyphs.first!.y < m })
    }

    @Test func twoClauseHeadlineBreaksBetweenItsClauses() throws {
        // Too long for one line across 2 columns: it must break at the space, not mid-phrase.
        let c = try LayoutFixtures.compose(elements: """
            { "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 30,
              "headline": { "main": "税费社保窗口延时服务 “一窗通办”少跑腿", "mainStyle": "headline-small" },
              "body": ["\(LayoutFixtures.newsText)"] }
            """)
        let texts = LayoutFixtures.runs(c, owner: "a").map(\.text)
        #expect(texts.contains("税费社保窗口延时服务"))
        #expect(texts.contains("“一窗通办”少跑腿"))
    }

    @Test func brokenColumnsShareTheWidthEqually() throws {
        // 破栏: 4 equal columns across 3 grid columns, as the 栏的计算 gives: (41 − 3)/4 = 9.5 em.
        let c = try LayoutFixtures.compose(elements: """
            { "type": "article", "id": "a", "column": 1, "span": 3, "top": 0, "height": 12, "bodyColumns": 4,
              "body": [\(Array(repeating: "\"\(LayoutFixtures.newsText)\"", count: 5).joined(separator: ","))] }
            """)
        let g = c.geometries[0]
        let body = c.boxes[0].filter { $0.owner == "a" && $0.kind == "body" }
        let w = (g.spanWidth(3) - 3 * g.gutter) / 4
        #expect(abs(w - 9.5 * g.bodySize) < 0.01)
        let starts = Set(body.map { ((($0.rect.x - g.typeArea.x) / (w + g.gutter)).rounded()) })
        #expect(starts == [0, 1, 2, 3])
        for b in body { #expect(b.rect.maxX <= g.typeArea.x + g.spanWidth(3) + 0.01) }
        for b in body {
            let col = ((b.rect.x - g.typeArea.x) / (w + g.gutter)).rounded()
            #expect(b.rect.maxX <= g.typeArea.x + col * (w + g.gutter) + w + 0.01, "line overflows its 9.5-em column")
        }
    }

    @Test func oversetIsReportedWithItsCharacterCount() throws {
        let text = LayoutFixtures.newsText
        let c = try LayoutFixtures.compose(elements: """
            { "type": "article", "id": "small", "column": 1, "span": 1, "top": 0, "height": 5, "body": ["\(text)"] }
            """)
        let r = try #require(c.report.articles.first { $0.id == "small" })
        let o = try #require(r.overset)
        #expect(r.linesSet == 5)
        let setChars = LayoutFixtures.runs(c, owner: "small").reduce(0) { $0 + $1.text.unicodeScalars.filter { !$0.properties.isWhitespace }.count }
        let total = text.unicodeScalars.filter { !$0.properties.isWhitespace }.count
        #expect(o.characters == total - setChars)
        #expect(o.characters > 0)
        #expect(text.contains(o.firstWords))
        #expect(r.copyfit == "-\(o.lines) lines")
        #expect(c.report.hasOverset)
        // The same story in a block large enough: no overset, and the spare lines are offered.
        let big = try LayoutFixtures.compose(elements: """
            { "type": "article", "id": "small", "column": 1, "span": 1, "top": 0, "height": 60, "body": ["\(text)"] }
            """)
        let rb = try #require(big.report.articles.first)
        #expect(rb.overset == nil)
        #expect(rb.copyfit == "+\(rb.emptyLinesAtEnd) lines" && rb.emptyLinesAtEnd == 60 - rb.linesSet)
    }

    @Test func lShapedArticleFlowsThroughBothRectanglesInOrder() throws {
        let text = LayoutFixtures.newsText + LayoutFixtures.newsText
        let c = try LayoutFixtures.compose(elements: """
            { "type": "article", "id": "L", "shape": [
                { "column": 1, "span": 2, "top": 0, "height": 6 },
                { "column": 1, "span": 4, "top": 6, "height": 6 } ],
              "body": ["\(text)"] }
            """)
        let g = c.geometries[0]
        let runs = LayoutFixtures.runs(c, owner: "L")
        let joined = runs.map(\.text).joined()
        #expect(joined == text)  // every character, in order, once
        let firstRect = g.rect(GridRect(column: 1, span: 2, top: 0, height: 6))
        let secondRect = g.rect(GridRect(column: 1, span: 4, top: 6, height: 6))
        let inFirst = runs.map { firstRect.contains(Rect(x: $0.glyphs[0].x, y: $0.glyphs[0].y - 1, width: 1, height: 1)) }
        #expect(inFirst.filter { $0 }.count == 12)  // 2 columns × 6 lines, filled first
        #expect(Array(inFirst.prefix(12)) == Array(repeating: true, count: 12))
        for r in runs.dropFirst(12) {
            #expect(secondRect.contains(Rect(x: r.glyphs[0].x, y: r.glyphs[0].y - 1, width: 1, height: 1)))
        }
    }

    @Test func photoShortensTheColumnsBesideIt() throws {
        let c = try LayoutFixtures.compose(elements: """
            { "type": "article", "id": "a", "column": 1, "span": 3, "top": 0, "height": 30,
              "photos": [ { "file": "\(LayoutFixtures.layouts)/img/photo-lead-rocket.jpg", "column": 2, "span": 2, "top": 0, "height": 12, "caption": "图片说明文字。" } ],
              "body": ["\(LayoutFixtures.newsText)", "\(LayoutFixtures.newsText)", "\(LayoutFixtures.newsText)"] }
            """)
        let photo = try #require(c.boxes[0].first { $0.kind == "photo" })
        let body = c.boxes[0].filter { $0.kind == "body" }
        for b in body { #expect(!b.rect.insetBy(dx: 0.2, dy: 0.2).intersects(photo.rect)) }
        let g = c.geometries[0]
        // Column 2 holds text only below the photo (and its clearance line).
        let col2 = body.filter { abs($0.rect.x - g.columnX(2)) < g.columnWidth / 2 }
        #expect(!col2.isEmpty)
        for b in col2 { #expect(b.rect.y > g.lineTop(12)) }
    }
}
