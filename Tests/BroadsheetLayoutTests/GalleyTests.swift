import Testing
import Foundation
import Dispatch
import BroadsheetDisplay
import BroadsheetLayout
import BroadsheetText

@Suite struct GalleyTests {
    static let store: FontStore = try! FontStore.bundled()
    static let paragraphs = [
        "本报讯　近日，第三批省级特色产业集群核心区协同区和“新星”产业群名单公布，平湖绿色石化产业、算力产业分别成功入选省级协同区和“新星”产业集群名单。",
        "去年，平湖加快建设“3+3+3”现代产业体系，聚焦优势领域，推动平湖产业与创新深度融合，持续壮大平湖产业集群化发展。",
        "2024年1至11月，绿色石化产业实现规上产值504亿元，已成为我市规模最大、贡献最多、影响力最强的产业集群。",
    ]

    /// A small page so that a few paragraphs run through several columns and pages.
    static let spec = GalleySpec(pageWidth: 200, pageHeight: 120, margin: 10, columns: 3, gutter: 11.34,
                                 size: 9, leading: 13)

    func lines(_ page: DisplayPage) -> [(x: Double, y: Double, text: String, maxX: Double)] {
        page.items.compactMap {
            guard case .glyphs(let r) = $0, let first = r.glyphs.first, let last = r.glyphs.last else { return nil }
            return (first.x, first.y, r.text, last.x)
        }
    }

    @Test func columnsFillInReadingOrderAndKeepTheText() throws {
        let g = Galley(store: Self.store, spec: Self.spec)
        let result = try g.layout(paragraphs: Self.paragraphs + Self.paragraphs)
        #expect(result.document.pages.count >= 2)
        #expect(result.overfullLines == 0)
        var text = ""
        let colWidth = Self.spec.columnWidth
        for page in result.document.pages {
            var lastColumn = -1, lastY = -1.0
            for l in lines(page) {
                let column = Int(((l.x - Self.spec.margin) / (colWidth + Self.spec.gutter)).rounded(.down))
                let left = Self.spec.margin + Double(column) * (colWidth + Self.spec.gutter)
                // Column after column, top to bottom inside a column.
                #expect(column >= lastColumn)
                if column == lastColumn { #expect(l.y >= lastY) } else { lastY = -1 }
                lastColumn = column
                lastY = l.y
                // Inside the column: no glyph origin past the right edge.
                #expect(l.x >= left - 0.01)
                // (a closing mark's origin sits ½ em inside, a trailing U+3000 at the edge itself)
                let visibleEnd = l.text.last.map { $0.isWhitespace } == true ? 0 : 0.4 * Self.spec.size
                #expect(l.maxX <= left + colWidth - visibleEnd + 0.01)
                // Baselines on the grid.
                let row = (l.y - Self.spec.margin - 0.88 * Self.spec.size) / Self.spec.leading
                #expect(abs(row - row.rounded()) < 1e-6)
                #expect(Int(row.rounded()) < Self.spec.linesPerColumn)
                text += l.text
            }
        }
        #expect(text == (Self.paragraphs + Self.paragraphs).joined())
    }

    /// Records what a streaming galley hands over, in order.
    final class RecordingSink: GalleyPageSink {
        var manifest: GlyphManifest?
        var prepared = 0
        var pages: [DisplayPage] = []
        var pageBeforeManifest = false
        func prepare(_ glyphs: GlyphManifest) throws { manifest = glyphs; prepared += 1 }
        func add(_ page: DisplayPage) throws {
            if manifest == nil { pageBeforeManifest = true }
            pages.append(page)
        }
    }

    /// A sink that stays unready for its first checks, as a PDF writer does while it loads
    /// fonts, and takes its time with each page.
    final class SlowSink: GalleyPageSink {
        var pages: [DisplayPage] = []
        var readyChecks = 0
        func prepare(_ glyphs: GlyphManifest) throws {}
        var isReady: Bool { readyChecks += 1; return readyChecks > 40 }
        func add(_ page: DisplayPage) throws {
            let until = DispatchTime.now().uptimeNanoseconds + 2_000_000
            while DispatchTime.now().uptimeNanoseconds < until {}
            pages.append(page)
        }
    }

    /// A sink that is ready at once and quick.
    final class QuickSink: GalleyPageSink {
        var pages: [DisplayPage] = []
        func prepare(_ glyphs: GlyphManifest) throws {}
        func add(_ page: DisplayPage) throws { pages.append(page) }
    }

    /// Paragraphs of very different lengths streamed to a quick sink: the galley's thread
    /// keeps catching up with the breaking thread, so it often waits for a paragraph that is
    /// being broken and breaks later ones meanwhile (a `wait` that handed back the wrong one,
    /// or slept for good, fails or times out here). Every paragraph comes out once, in order.
    @Test(.timeLimit(.minutes(1))) func paragraphsBrokenAheadComeOutInOrder() throws {
        let g = Galley(store: Self.store, spec: Self.spec)
        let texts = (0..<160).map { k in
            String(repeating: Self.paragraphs[k % 3], count: k % 7 == 0 ? 8 : 1) + "（\(k)）"
        }
        let sink = QuickSink()
        let result = try #require(try withDeadline { try g.layout(paragraphs: texts, sink: sink, keep: false) })
        #expect(sink.pages.count == result.pageCount)
        #expect(sink.pages.flatMap(lines).map(\.text).joined() == texts.joined())
    }

    /// However the work is shared between the galley's thread and the breaking thread,
    /// every paragraph comes out once, complete and in order.
    @Test(.timeLimit(.minutes(1))) func manyStreamedParagraphsKeepTheirOrder() throws {
        let g = Galley(store: Self.store, spec: Self.spec)
        let texts = (0..<120).map { k in Self.paragraphs[k % 3] + "（\(k)）" }
        let sink = SlowSink()
        let result = try #require(try withDeadline { try g.layout(paragraphs: texts, sink: sink, keep: false) })
        #expect(sink.pages.count == result.pageCount)
        let text = sink.pages.flatMap(lines).map(\.text).joined()
        #expect(text == texts.joined())
    }

    /// Pages come out the same whoever fills them: a slow sink lets the breaking thread fill
    /// pages ahead while it draws, a quick one takes them as soon as they are filled (and
    /// fills some itself). The dumps (every run's position, text and glyphs, page labels)
    /// must be identical, and equal to the kept document of a galley with no sink.
    @Test(.timeLimit(.minutes(1))) func pagesAreTheSameWhicheverThreadFillsThem() throws {
        let g = Galley(store: Self.store, spec: Self.spec)
        let texts = (0..<60).map { k in Self.paragraphs[k % 3] + "（\(k)）" }
        let slow = SlowSink(), quick = QuickSink()
        _ = try #require(try withDeadline { try g.layout(paragraphs: texts, sink: slow, keep: false) })
        _ = try #require(try withDeadline { try g.layout(paragraphs: texts, sink: quick, keep: false) })
        let kept = try g.layout(paragraphs: texts)
        func dump(_ pages: [DisplayPage]) -> String { DisplayDump.dump(DisplayDocument(title: "", date: "", pages: pages)) }
        #expect(slow.pages.count > 3)
        #expect(dump(slow.pages) == dump(quick.pages))
        #expect(dump(quick.pages) == dump(kept.document.pages))
    }

    /// A sink that fails on its second page (a full disk, say), after a pause long enough
    /// for the helper to break every paragraph and fill pages ahead until it sleeps.
    final class FailingSink: GalleyPageSink {
        struct Full: Error {}
        var pages = 0
        func prepare(_ glyphs: GlyphManifest) throws {}
        func add(_ page: DisplayPage) throws {
            pages += 1
            if pages == 2 {
                Thread.sleep(forTimeInterval: 0.2)
                throw Full()
            }
        }
    }

    /// When the sink fails, the galley stops and reports the sink's error, though another
    /// thread may be filling a page or breaking a paragraph at that moment: `layout` joins
    /// its helper threads, so a helper left asleep for good fails this test by its deadline.
    @Test(.timeLimit(.minutes(1))) func aFailingSinkStopsTheGalley() throws {
        let g = Galley(store: Self.store, spec: Self.spec)
        let texts = (0..<60).map { k in Self.paragraphs[k % 3] + "（\(k)）" }
        for _ in 0..<3 {
            let sink = FailingSink()
            let outcome = try withDeadline { () -> Bool in
                do { _ = try g.layout(paragraphs: texts, sink: sink, keep: false); return false } catch is FailingSink.Full { return true }
            }
            #expect(outcome == true)
            #expect(sink.pages == 2)
        }
    }

    /// The PDF writer cuts fonts down to the manifest before page 1, so the manifest must
    /// list every glyph any page draws (the GB interpunct is drawn as its `fwid` form, a
    /// glyph shaping never produced), and pages must arrive in order.
    @Test func streamedPagesArriveInOrderAndDrawOnlyManifestGlyphs() throws {
        let g = Galley(store: Self.store, spec: Self.spec)
        let texts = Self.paragraphs + ["《红楼梦》作者曹雪芹·高鹗，AI大模型132.2%——“算力”……"] + Self.paragraphs
        let sink = RecordingSink()
        let result = try g.layout(paragraphs: texts, sink: sink)
        let manifest = try #require(sink.manifest)
        #expect(!sink.pageBeforeManifest)
        #expect(sink.pages.count == result.document.pages.count)
        #expect(sink.pages.map(\.label) == result.document.pages.map(\.label))
        var drawn = 0
        for page in sink.pages {
            for case .glyphs(let run) in page.items {
                for glyph in run.glyphs {
                    drawn += 1
                    #expect(manifest.contains(glyph.id, font: run.font), "glyph \(glyph.id) of '\(run.text)' not in the manifest")
                }
            }
        }
        #expect(drawn > 200)
    }

    /// Streaming without keeping: the sink still gets every page, the result only counts.
    @Test func streamingWithoutKeepingHandsEveryPageToTheSinkAndKeepsNone() throws {
        let g = Galley(store: Self.store, spec: Self.spec)
        let kept = try g.layout(paragraphs: Self.paragraphs + Self.paragraphs, sink: RecordingSink())
        let sink = RecordingSink()
        let result = try g.layout(paragraphs: Self.paragraphs + Self.paragraphs, sink: sink, keep: false)
        #expect(result.document.pages.isEmpty && result.paragraphs.isEmpty)
        #expect(result.pageCount == sink.pages.count && sink.pages.count == kept.document.pages.count)
        #expect(result.lines == kept.lines && result.characters == kept.characters)
    }

    /// The writer starts on a guess made before shaping (every character shaped alone); on
    /// newspaper text the guess must hold, so the fonts are prepared once.
    @Test func glyphGuessHoldsOnNewspaperTextSoFontsArePreparedOnce() throws {
        let g = Galley(store: Self.store, spec: Self.spec)
        let sink = RecordingSink()
        _ = try g.layout(paragraphs: Self.paragraphs + ["《红楼梦》作者曹雪芹·高鹗，AI大模型132.2%——“算力”……"], sink: sink)
        #expect(sink.prepared == 1)
    }

    /// A combining accent shapes into the precomposed letter in context but not alone: the
    /// guess falls short, the galley prepares again, and every drawn glyph is still listed.
    @Test func glyphGuessThatFallsShortIsReplaced() throws {
        let g = Galley(store: Self.store, spec: Self.spec)
        let sink = RecordingSink()
        let result = try g.layout(paragraphs: ["咖啡馆 cafe\u{0301} 开业"], sink: sink)
        let manifest = try #require(sink.manifest)
        #expect(sink.prepared == 2)
        // A base letter and a combining mark shape as one cluster of two glyphs in some faces,
        // and then Cairo names them from the cmap: the galley must say so if it happens.
        let shaped = try g.shape(paragraphs: ["咖啡馆 cafe\u{0301} 开业"])[0]
        let multi = shaped.clusters.contains { $0.glyphEnd - $0.glyphStart != 1 }
        #expect(manifest.needsCharacterMap == multi)
        for page in result.document.pages {
            for case .glyphs(let run) in page.items {
                for glyph in run.glyphs { #expect(manifest.contains(glyph.id, font: run.font)) }
            }
        }
    }

    @Test func everyParagraphStartsWithTheIndentAndLinesAreFlush() throws {
        let g = Galley(store: Self.store, spec: Self.spec)
        let paras = try g.compose(paragraphs: Self.paragraphs)
        for p in paras {
            #expect(abs(p.lines[0].glyphs[0].x - 18) < 0.01)
            for l in p.lines where !l.isLast { #expect(abs(l.width - Self.spec.columnWidth) < 0.01) }
        }
    }

    @Test func benchJobGeometry() {
        let s = GalleySpec()
        #expect(abs(s.columnWidth - 114.09) < 0.01)        // 40.25 mm
        #expect(s.linesPerColumn == 109)                    // (500 mm − 1 em) / 13 pt + 1
        #expect(Galley.paragraphs(of: "一\n\n  二  \n三") == ["一", "二", "三"])
    }

    /// Lines end at LF, CR or CRLF; blank lines are dropped; spaces, tabs and other Unicode
    /// blanks are trimmed, but an ideographic space (the writer's indent) is kept.
    @Test func paragraphsSplitOnEveryLineEndAndKeepTheIdeographicIndent() {
        let text = "一\r二\r\n三\n\u{3000}四\u{00A0}\n \t \n\r\n\t五 六\t"
        #expect(Galley.paragraphs(of: text) == ["一", "二", "三", "\u{3000}四", "五 六"])
        #expect(Galley.paragraphs(of: "") == [])
        #expect(Galley.paragraphs(of: "\n\r\n") == [])
    }

    @Test func unknownFontRoleFails() {
        var s = Self.spec
        s.role = "nonesuch"
        #expect(throws: FontError.self) { _ = try Galley(store: Self.store, spec: s).layout(paragraphs: ["字"]) }
    }
}

/// Runs `body` on a thread of its own and gives up after `seconds`: a galley whose threads
/// wait for each other for good then fails the test (nil) instead of hanging the run, which
/// a time limit cannot interrupt while a thread is blocked.
private func withDeadline<T>(seconds: Double = 30, _ body: @escaping () throws -> T) throws -> T? {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let work = UncheckedSendable(body)
    Thread { box.result = Result { try work.value() }; done.signal() }.start()
    guard done.wait(timeout: .now() + seconds) == .success else {
        Issue.record("the galley did not finish within \(seconds) s: its threads wait for each other")
        return nil
    }
    return try box.result!.get()
}

/// Written by the one thread `withDeadline` starts, read after its semaphore is signalled.
private final class ResultBox<T>: @unchecked Sendable { var result: Result<T, Error>? }

private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
