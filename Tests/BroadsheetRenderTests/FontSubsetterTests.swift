import BroadsheetDisplay
import Foundation
import Testing
@testable import BroadsheetRender

/// The PDF renderer hands Cairo faces pre-subset by HarfBuzz. The display list's glyph ids
/// must stay valid in the subset, and the glyphs must keep their metrics.
@Suite struct FontSubsetterTests {
    @Test(arguments: [notoSerifSC, wenKai])
    func subsetRenumbersGlyphsAndKeepsTheirAdvancesAndCmap(font: FontRef) throws {
        let full = try FontCache().freeTypeFace(font)
        let text = "日长色入石大霞鹜文楷AI%"
        let ids = Set(text.unicodeScalars.map { full.glyphIndex(for: $0) })
        #expect(!ids.contains(0))
        let subset = try #require(FontSubsetter.subset(font, glyphs: ids))
        let face = try FreeTypeLibrary().openFace(bytes: subset.bytes, description: "subset")
        #expect(face.glyphCount == ids.count + 1, "the glyphs asked for plus .notdef")
        #expect(subset.bytes.bytes.count < 200_000, "the subset must be small, not the whole face")
        let newIDs = ids.map { subset.glyphID($0) }
        #expect(Set(newIDs).count == ids.count && !newIDs.contains(0), "every glyph kept, none merged")
        for id in ids {
            #expect(face.advance(ofGlyph: subset.glyphID(id)) == full.advance(ofGlyph: id), "glyph \(id)")
        }
        for scalar in text.unicodeScalars {
            #expect(face.glyphIndex(for: scalar) == subset.glyphID(full.glyphIndex(for: scalar)), "cmap keeps \(scalar)")
        }
        #expect(subset.glyphID(UInt32(full.glyphCount + 5)) == 0, "ids not in the subset draw .notdef")
    }

    @Test func unreadableFontGivesNilSoTheRendererFallsBackToTheFullFace() {
        #expect(FontSubsetter.subset(FontRef(path: "/nonexistent/font.ttf", faceIndex: 0), glyphs: [1]) == nil)
        #expect(FontSubsetter.subset(FontRef(path: notoSerifSC.path, faceIndex: 99), glyphs: [1]) == nil)
    }

    @Test func glyphsUsedCollectsEveryRunPerFont() throws {
        let page = DisplayPage(width: 200, height: 200, items: [
            try run("日长", x: 10, y: 40), try run("长石", x: 10, y: 80),
            try run("文楷", font: wenKai, x: 10, y: 120),
        ])
        let inventory = GlyphManifest(DisplayDocument(title: "t", date: "2025-01-10", pages: [page]))
        let used = inventory.byFont
        #expect(used[notoSerifSC]?.count == 3)
        #expect(used[wenKai]?.count == 2)
        // Per face and size, in order of first use: 日 长 then 石 (长 only once).
        #expect(inventory.keys.map(\.font) == [notoSerifSC, wenKai])
        let serif = try #require(inventory.keys.firstIndex { $0.font == notoSerifSC })
        guard case .glyphs(let reference) = try run("日长石", x: 0, y: 0) else { Issue.record("not a glyph run"); return }
        let first = reference.glyphs.map(\.id)
        #expect(inventory.inOrder[serif] == first)
    }

    /// The subset faces must draw exactly what the full faces draw, and embed far less.
    @Test func pdfFromSubsetFacesRastersLikePDFFromFullFaces() throws {
        let page = DisplayPage(width: 300, height: 120, items: [
            try run("日长色入石大", x: 10, y: 50), try run("AI大模型132.2%", size: 14, x: 10, y: 75),
            try run("霞鹜文楷", font: wenKai, x: 10, y: 110),
        ])
        let doc = DisplayDocument(title: "t", date: "2025-01-10", pages: [page])
        let dir = try makeTempDirectory()
        var rasters: [RasterImage] = []
        var sizes: [Int] = []
        for subset in [true, false] {
            let path = dir + "/\(subset).pdf"
            let pdf = try PDFRenderer(subsetFonts: subset).render(doc).pdf
            try Data(pdf).write(to: URL(fileURLWithPath: path))
            sizes.append(pdf.count)
            rasters.append(try rasterPage(ofPDF: path, width: 600, height: 240, scale: 2))
        }
        #expect(rasters[0].rgba == rasters[1].rgba, "subset and full faces must raster identically")
        #expect(rasters[0].rgba.contains { $0 < 128 }, "the page must show ink")
        #expect(sizes[0] < sizes[1], "subset PDF \(sizes[0]) bytes, full-face PDF \(sizes[1]) bytes")
    }
}

/// The subset leaves the cmap out when every run carries its text: Cairo then never reads
/// it, so the PDF must come out the same (but for the subset tag, see below).
struct SubsetCmapTests {
    @Test func subsetWithoutCmapKeepsGlyphsButNotTheCharacterMap() throws {
        let full = try FontCache().freeTypeFace(notoSerifSC)
        let ids = Set("日长色入石大".unicodeScalars.map { full.glyphIndex(for: $0) })
        let subset = try #require(FontSubsetter.subset(notoSerifSC, glyphs: ids, keepCmap: false))
        let face = try FreeTypeLibrary().openFace(bytes: subset.bytes, description: "subset")
        #expect(face.glyphCount == ids.count + 1)
        for id in ids { #expect(face.advance(ofGlyph: subset.glyphID(id)) == full.advance(ofGlyph: id)) }
        #expect(face.glyphIndex(for: "日") == 0, "no cmap in the subset")
    }

    /// With its cmap visible, HarfBuzz's plan adds each mark's variation-sequence form (、
    /// with VS2, the centred form, is another glyph) to a subset nobody draws from. The plan
    /// must not see a cmap that is dropped anyway: the subset holds what was asked for.
    @Test func subsetWithoutCmapAddsNoVariationSequenceGlyphs() throws {
        let full = try FontCache().freeTypeFace(notoSerifSC)
        let ids = Set("、。，：；".unicodeScalars.map { full.glyphIndex(for: $0) })
        #expect(ids.count == 5 && !ids.contains(0))
        let withoutCmap = try #require(FontSubsetter.subset(notoSerifSC, glyphs: ids, keepCmap: false))
        let face = try FreeTypeLibrary().openFace(bytes: withoutCmap.bytes, description: "subset")
        #expect(face.glyphCount == ids.count + 1, "the five marks and .notdef, no variant forms")
        // The cmap kept, its variation sequences come along: the case the hiding avoids.
        let withCmap = try #require(FontSubsetter.subset(notoSerifSC, glyphs: ids, keepCmap: true))
        let cmapFace = try FreeTypeLibrary().openFace(bytes: withCmap.bytes, description: "subset with cmap")
        #expect(cmapFace.glyphCount > ids.count + 1)
    }

    /// The plan works on a view of the face that cannot list its tables, so HarfBuzz probes
    /// the tables it knows: every table Cairo and FreeType read must still come out.
    @Test func subsetFromTheHidingViewKeepsTheTablesCairoReads() throws {
        let full = try FontCache().freeTypeFace(notoSerifSC)
        let ids = Set("日长色入石大".unicodeScalars.map { full.glyphIndex(for: $0) })
        let subset = try #require(FontSubsetter.subset(notoSerifSC, glyphs: ids, keepCmap: false))
        let bytes = subset.bytes.bytes
        let count = Int(bytes[4]) << 8 | Int(bytes[5])
        let tags = Set((0..<count).map { k in String(decoding: bytes[(12 + 16 * k)..<(16 + 16 * k)], as: UTF8.self) })
        for tag in ["CFF ", "head", "hhea", "hmtx", "maxp", "name", "post", "OS/2"] {
            #expect(tags.contains(tag), "\(tag) missing from \(tags.sorted())")
        }
        for tag in ["cmap", "GSUB", "GPOS"] { #expect(!tags.contains(tag), "\(tag) should be dropped") }
    }

    @Test func pdfIsTheSameWithOrWithoutTheCmapWhenRunsCarryText() throws {
        let pages = [DisplayPage(width: 300, height: 120, items: [
            try run("日长色入石大，“AI大模型”——132.2%……", size: 14, x: 10, y: 50),
            try run("霞鹜文楷", font: wenKai, x: 10, y: 100),
        ])]
        let document = DisplayDocument(title: "t", date: "2025-01-10", pages: pages)
        var manifest = GlyphManifest(document)
        #expect(manifest.needsCharacterMap == false)
        let withoutCmap = try writtenPDF(pages, glyphs: manifest)
        manifest.needsCharacterMap = true
        let withCmap = try writtenPDF(pages, glyphs: manifest)
        // With its cmap, the subset also holds the marks' variant forms, which renumbers the
        // glyphs and so changes the subset tag Cairo derives from their ids; nothing else.
        #expect(withoutSubsetTags(withoutCmap) == withoutSubsetTags(withCmap))
    }

    /// Glyph preloading only changes who loads a glyph first: a writer that drops its
    /// preloading at once, so that Cairo loads every glyph itself while drawing, writes the
    /// same bytes as one left to preload, over several pages.
    @Test(.timeLimit(.minutes(1))) func outlinePreloadingDoesNotChangeTheBytes() throws {
        let texts = ["日长色入石大，“AI大模型”——132.2%……", "新闻出版（本报讯）记者：张三、李四。", "霞鹜文楷与思源宋体"]
        let pages = try texts.indices.map { k in
            DisplayPage(width: 300, height: 120, items: [
                try run(texts[k], size: 14, x: 10, y: 50),
                try run(texts[(k + 1) % texts.count], font: wenKai, x: 10, y: 100),
            ], label: "\(k + 1)")
        }
        let manifest = GlyphManifest(DisplayDocument(title: "t", date: "2025-01-10", pages: pages))
        let preloaded = try writtenPDF(pages, glyphs: manifest)
        #expect(preloaded.count > 1000)
        #expect(try writtenPDF(pages, glyphs: manifest, abandonPreload: true) == preloaded)
    }

    /// The same at scale: three thousand distinct ideographs at three sizes over several
    /// pages, so that the pages are written while the em-size metrics are still loading
    /// (both take the face's lock in turn) and Cairo's glyph cache fills, yet the bytes do
    /// not change.
    @Test(.timeLimit(.minutes(1))) func outlinePreloadingBesideManyPagesDoesNotChangeTheBytes() throws {
        let full = try FontCache().freeTypeFace(notoSerifSC)
        let ideographs = (0x4E00..<0x6000).compactMap(Unicode.Scalar.init).filter { full.glyphIndex(for: $0) != 0 }.prefix(3_000)
        let text = String(String.UnicodeScalarView(ideographs))
        #expect(text.unicodeScalars.count == 3_000)
        let lines = stride(from: 0, to: 3_000, by: 50).map { k in
            String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(k).prefix(50)))
        }
        let sizes = [9.0, 10.5, 14.0]
        let pages = try sizes.map { size in
            DisplayPage(width: 800, height: 1_000, items: try lines.enumerated().map { k, line in
                try run(line, size: size, x: 10, y: 20 + Double(k) * size * 1.1)
            }, label: "\(size)")
        }
        let manifest = GlyphManifest(DisplayDocument(title: "t", date: "2025-01-10", pages: pages))
        let preloaded = try writtenPDF(pages, glyphs: manifest)
        #expect(try writtenPDF(pages, glyphs: manifest, abandonPreload: true) == preloaded)
    }

    /// Cairo names the glyphs of a cluster of several glyphs (a letter and a combining mark)
    /// from the cmap, not from the text: such a document keeps it.
    @Test func clusterOfSeveralGlyphsKeepsTheCmap() throws {
        guard case .glyphs(var run) = try run("ab", x: 10, y: 40) else { Issue.record("not a run"); return }
        run.clusters = [TextCluster(utf8Count: 2, glyphCount: 2)]
        let document = DisplayDocument(title: "t", date: "2025-01-10",
                                       pages: [DisplayPage(width: 100, height: 100, items: [.glyphs(run)])])
        #expect(GlyphManifest(document).needsCharacterMap)
    }

    @Test func ornamentRunWithoutTextKeepsTheCmap() throws {
        guard case .glyphs(var ornament) = try run("★", x: 10, y: 40) else { Issue.record("not a run"); return }
        ornament.text = ""
        ornament.clusters = []
        let document = DisplayDocument(title: "t", date: "2025-01-10",
                                       pages: [DisplayPage(width: 100, height: 100, items: [.glyphs(ornament)])])
        #expect(GlyphManifest(document).needsCharacterMap)
    }
}

/// `pdf` with every font subset tag (the six capitals before "+" in `/ABCDEF+Name`) blanked.
private func withoutSubsetTags(_ pdf: [UInt8]) -> [UInt8] {
    var bytes = pdf
    let slash = UInt8(ascii: "/"), plus = UInt8(ascii: "+"), capitals = UInt8(ascii: "A")...UInt8(ascii: "Z")
    var i = 0
    while i + 7 < bytes.count {
        if bytes[i] == slash, bytes[i + 7] == plus, bytes[(i + 1)...(i + 6)].allSatisfy(capitals.contains) {
            for k in (i + 1)...(i + 6) { bytes[k] = UInt8(ascii: "X") }
            i += 8
        } else {
            i += 1
        }
    }
    return bytes
}

/// The PDF a page writer makes of `pages`; `abandonPreload` stops its outline preloading at
/// once, so drawing loads every outline itself.
private func writtenPDF(_ pages: [DisplayPage], glyphs: GlyphManifest, abandonPreload: Bool = false) throws -> [UInt8] {
    let writer = try PDFPageWriter(title: "t", date: "2025-01-10", glyphs: glyphs)
    if abandonPreload { writer.abandon() }
    for page in pages { try writer.add(page) }
    return try writer.finish().pdf
}
