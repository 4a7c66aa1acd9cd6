import Foundation
import Testing
import BroadsheetDisplay
import BroadsheetLayout

/// The column-flow rules an editor expects: side headlines, 小标题 that keep with their text,
/// no single line of a paragraph alone at a column's head or foot, bold runs in body text.
@Suite struct FlowRuleTests {
    static let para = LayoutFixtures.newsText

    func bodyBoxes(_ c: ComposedIssue, _ owner: String) -> [PageCanvas.OwnedBox] {
        c.boxes[0].filter { $0.owner == owner && $0.kind == "body" }
    }

    @Test func sideHeadlineStandsBesideTheBody() throws {
        let c = try LayoutFixtures.compose(elements: """
            { "type": "article", "id": "a", "column": 1, "span": 4, "top": 0, "height": 30,
              "headline": { "main": "侧题新闻", "placement": "side", "span": 1 },
              "body": [\(Array(repeating: "\"\(Self.para)\"", count: 5).joined(separator: ","))] }
            """)
        let g = c.geometries[0]
        let head = try #require(c.boxes[0].filter { $0.owner == "a" && $0.kind == "headline" }.first)
        #expect(head.rect.maxX <= g.columnX(1) + g.columnWidth + 0.01, "a 1-column side headline stays in column 1")
        let body = bodyBoxes(c, "a")
        // Columns 2–4 start at the top of the article, beside the headline.
        let col2 = body.filter { abs($0.rect.x - g.columnX(2)) < 1 }
        let topOfCol2 = try #require(col2.map(\.rect.y).min())
        #expect(topOfCol2 < head.rect.maxY)
        // Text in column 1 only below the headline.
        for b in body where abs(b.rect.x - g.columnX(1)) < g.columnWidth / 2 { #expect(b.rect.y > head.rect.maxY) }
    }

    @Test func subheadingKeepsWithTheLinesAfterIt() throws {
        // Fill column 1 so that the 小标题 would land on its last lines; it must move on.
        for lead in 1...6 {
            let c = try LayoutFixtures.compose(elements: """
                { "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 12,
                  "body": ["\(String(Self.para.prefix(lead * 12)))", "## 小标题在这里", "\(Self.para)"] }
                """)
            let g = c.geometries[0]
            let runs = LayoutFixtures.runs(c, owner: "a")
            let sub = try #require(runs.first { $0.text == "小标题在这里" })
            let after = try #require(runs.first { $0.text.hasPrefix("近日") && $0.glyphs[0].y > sub.glyphs[0].y - 0.1 && abs($0.glyphs[0].x - sub.glyphs[0].x) < g.columnWidth })
            // The first line after the heading is in the same column, right below it.
            #expect(after.glyphs[0].y - sub.glyphs[0].y < 2.5 * g.linePitch, "lead \(lead): heading separated from its text")
        }
    }

    @Test func subheadingNeverLandsOnAPhoto() throws {
        // A photo across both columns leaves 3-line segments above it and 1-line ones below:
        // a 小标题 several lines tall fits in none of them, so it and what follows are overset
        // — never printed over the picture.
        let c = try LayoutFixtures.compose(elements: """
            { "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 25,
              "photos": [ { "file": "\(LayoutFixtures.layouts)/img/photo-pets-cat.jpg", "column": 1, "span": 2, "top": 3, "height": 20 } ],
              "body": ["一二三四五", "## 小标题一个很长的小标题一个很长的小标题一个很长的小标题一个很长的小标题一个很长的小标题", "正文正文正文"] }
            """)
        let photo = try #require(c.boxes[0].first { $0.kind == "photo" })
        for b in c.boxes[0] where b.owner == "a" && b.kind == "body" {
            #expect(!b.rect.insetBy(dx: 0.2, dy: 0.2).intersects(photo.rect), "text over the photo at \(b.rect)")
        }
        let r = try #require(c.report.articles.first)
        #expect(r.overset != nil, "the heading that fits nowhere is reported, not dropped")
        #expect(r.overset?.firstWords.hasPrefix("小标题") == true)
    }

    @Test func noParagraphLeavesOneLineAloneAtAColumnFootOrHead() throws {
        // Many short paragraphs of different lengths in a block with room to spare.
        let paras = (1...9).map { "\"\(String(Self.para.prefix(20 + $0 * 11)))\"" }.joined(separator: ",")
        var checked = 0
        for height in 22...30 {
        let c = try LayoutFixtures.compose(elements: """
            { "type": "article", "id": "a", "column": 1, "span": 3, "top": 0, "height": \(height), "body": [\(paras)] }
            """)
        let r = try #require(c.report.articles.first)
        // The rule holds when the block has room for it; a tight block may need the lines.
        guard r.overset == nil, r.emptyLinesAtEnd >= 3 else { continue }
        checked += 1
        let g = c.geometries[0]
        let runs = LayoutFixtures.runs(c, owner: "a")
        // Group lines into paragraphs by their text (each run is one line here: one font).
        var lineParagraph: [(col: Int, line: Int, para: Int)] = []
        var para = 0, consumed = 0
        let texts = (1...9).map { String(Self.para.prefix(20 + $0 * 11)) }
        for r in runs {
            let col = Int(((r.glyphs[0].x - g.typeArea.x) / (g.columnWidth + g.gutter)).rounded(.down))
            let line = Int(((r.glyphs[0].y - g.baseline(0)) / g.linePitch).rounded())
            lineParagraph.append((col, line, para))
            consumed += r.text.count
            if consumed >= texts[para].count { para += 1; consumed = 0 }
        }
        for k in lineParagraph.indices {
            let cur = lineParagraph[k]
            let prev = k > 0 ? lineParagraph[k - 1] : nil
            let next = k + 1 < lineParagraph.count ? lineParagraph[k + 1] : nil
            // Orphan: first line of a multi-line paragraph at a column foot, rest in the next column.
            if prev?.para != cur.para, let n = next, n.para == cur.para {
                #expect(n.col == cur.col, "paragraph \(cur.para) leaves its first line alone at the foot of column \(cur.col + 1)")
            }
            // Widow: last line of a paragraph alone at a column head.
            if next?.para != cur.para, let p = prev, p.para == cur.para {
                #expect(p.col == cur.col, "paragraph \(cur.para) leaves its last line alone at the head of column \(cur.col + 1)")
            }
        }
        }
        #expect(checked >= 3)
    }

    @Test func boldRunIsSetInTheBoldStyle() throws {
        let c = try LayoutFixtures.compose(elements: """
            { "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 12,
              "body": ["**简讯标题**　平湖绿色石化产业、算力产业分别成功入选。"] }
            """)
        let runs = LayoutFixtures.runs(c, owner: "a")
        let bold = try #require(runs.first { $0.text.hasPrefix("简讯标题") })
        let plain = try #require(runs.first { $0.text.contains("平湖") })
        #expect(bold.font.path.contains("Sans"), "bold runs use the hei face")
        #expect(plain.font.path.contains("Serif"))
        #expect(runs.map(\.text).joined() == "简讯标题　平湖绿色石化产业、算力产业分别成功入选。")
    }
}
