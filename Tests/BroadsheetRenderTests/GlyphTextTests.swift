import BroadsheetDisplay
import Foundation
import Testing
@testable import BroadsheetRender

@Suite struct GlyphTextTests {
    func textDocument() throws -> DisplayDocument {
        let page = DisplayPage(width: 400, height: 200, items: [
            try run("日长色入石大", x: 20, y: 60),
            try run("AI大模型132.2%", size: 18, x: 20, y: 120, color: RGBColor(r: 0.8, g: 0, b: 0)),
            try run("霞鹜文楷", font: wenKai, size: 20, x: 20, y: 170),
        ])
        return DisplayDocument(title: "测试 Test", date: "2025-01-10", pages: [page])
    }

    @Test func cmapHelperFindsRealGlyphs() throws {
        let r = try cmapGlyphRun("日长色入石大", font: notoSerifSC, size: 10, origin: Point(x: 0, y: 0))
        #expect(r.glyphs.count == 6)
        #expect(r.glyphs.allSatisfy { $0.id != 0 }, "every character must map to a real glyph, not .notdef")
        #expect(r.glyphs[1].x == 10, "CJK ideographs advance one em")
    }

    /// The cluster map must win over the font's reverse cmap: 日 and ⽇ (U+2F47) share one
    /// glyph in Noto CJK, and without clusters pdftotext returns the radical.
    @Test(.enabled(if: hasPopplerUtils, popplerUtilsMissing))
    func pdftotextReturnsSourceTextIncludingRi() throws {
        let dir = try makeTempDirectory()
        let path = dir + "/text.pdf"
        try PDFRenderer().write(try textDocument(), to: path)
        let out = try runTool("pdftotext", ["-enc", "UTF-8", path, "-"])
        #expect(out.status == 0, "pdftotext failed: \(out.stderr)")
        let lines = out.stdout.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{0C}"))) }
            .filter { !$0.isEmpty }
        #expect(lines == ["日长色入石大", "AI大模型132.2%", "霞鹜文楷"])
        #expect(!out.stdout.contains("\u{2F47}"), "Kangxi radical ⽇ leaked into extracted text")
    }

    @Test(.enabled(if: hasPopplerUtils, popplerUtilsMissing))
    func pdffontsListsOnlyEmbeddedSubsets() throws {
        let dir = try makeTempDirectory()
        let path = dir + "/fonts.pdf"
        try PDFRenderer().write(try textDocument(), to: path)
        let out = try runTool("pdffonts", [path])
        #expect(out.status == 0)
        // Columns: name type encoding emb sub uni object ID
        let rows = out.stdout.split(separator: "\n").dropFirst(2)
        #expect(rows.count == 2, "expected two fonts (Noto Serif SC, LXGW WenKai):\n\(out.stdout)")
        for row in rows {
            let name = row.split(separator: " ").first.map(String.init) ?? ""
            #expect(name.range(of: #"^[A-Z]{6}\+"#, options: .regularExpression) != nil, "not a subset: \(row)")
            let flags = row.split(separator: " ").suffix(5).prefix(3).map(String.init)
            #expect(flags == ["yes", "yes", "yes"], "emb/sub/uni must all be yes: \(row)")
        }
    }

    @Test func badClusterMapIsAnErrorNamingTheRun() throws {
        var r = try cmapGlyphRun("日长", font: notoSerifSC, size: 10, origin: Point(x: 10, y: 20), owner: "art-7")
        r.clusters = [TextCluster(utf8Count: 3, glyphCount: 1)] // covers only 日
        let doc = DisplayDocument(title: "t", date: "2025-01-10",
                                  pages: [DisplayPage(width: 100, height: 100, items: [.glyphs(r)])])
        #expect {
            _ = try PDFRenderer().render(doc)
        } throws: { error in
            "\(error)".contains("art-7") && "\(error)".contains("UTF-8 bytes")
        }
    }

    /// Runs of one face, size and colour go to Cairo in one call; a bad cluster map in any of
    /// them is still caught, and named by that run's owner, not the first run's.
    @Test func badClusterMapInAMergedRunNamesThatRun() throws {
        var runs = try ["日长", "色入", "石大"].enumerated().map { k, text in
            try cmapGlyphRun(text, font: notoSerifSC, size: 10, origin: Point(x: 10, y: 20 + 12 * Double(k)), owner: "line-\(k)")
        }
        runs[1].clusters = [TextCluster(utf8Count: 3, glyphCount: 2)]      // 3 bytes for 色入's 6
        let doc = DisplayDocument(title: "t", date: "2025-01-10",
                                  pages: [DisplayPage(width: 100, height: 100, items: runs.map { .glyphs($0) })])
        #expect {
            _ = try PDFRenderer().render(doc)
        } throws: { error in
            "\(error)".contains("line-1") && !"\(error)".contains("line-0") && "\(error)".contains("UTF-8 bytes")
        }
    }

    @Test func missingFontIsAnErrorNamingTheFile() throws {
        let font = FontRef(path: "/nonexistent/Font.otf", faceIndex: 0)
        let r = GlyphRun(font: font, size: 10, glyphs: [PositionedGlyph(id: 1, x: 0, y: 10)],
                         text: "a", clusters: [TextCluster(utf8Count: 1, glyphCount: 1)])
        let doc = DisplayDocument(title: "t", date: "2025-01-10",
                                  pages: [DisplayPage(width: 100, height: 100, items: [.glyphs(r)])])
        #expect { _ = try PDFRenderer().render(doc) } throws: { "\($0)".contains("/nonexistent/Font.otf") }
    }
}
