import BroadsheetDisplay

/// One FreeType library per renderer and one face per FontRef: a broadsheet page sets
/// hundreds of runs in a handful of faces, and opening a 20 MB .ttc per run would dominate.
/// Not Sendable: FreeType faces must not be used from two threads at once, so a cache
/// stays confined to the renderer that made it.
///
/// A cache made with `subsetting:` hands Cairo faces cut down (by FontSubsetter) to the
/// glyphs listed for each font: the PDF renderer makes one per document, so that Cairo's
/// own subsetter reads a small font instead of the full face. Glyphs are renumbered in a
/// subset: draw them through `subset(of:)`. Fonts not listed, or that HarfBuzz cannot
/// subset, are drawn from the full face.
final class FontCache {
    private var library: FreeTypeLibrary?
    private var freeTypeFaces: [FontRef: FreeTypeFace] = [:]
    private var cairoFaces: [FontRef: CairoFontFace] = [:]
    private let subsetGlyphs: [FontRef: Set<UInt32>]
    private let keepCmap: Bool
    private var subsets: [FontRef: FontSubsetter.Subset] = [:]

    /// The library is created on first use so that making a renderer cannot fail.
    init(subsetting subsetGlyphs: [FontRef: Set<UInt32>] = [:], keepCmap: Bool = true) {
        self.subsetGlyphs = subsetGlyphs
        self.keepCmap = keepCmap
    }

    private func freeTypeLibrary() throws -> FreeTypeLibrary {
        let library = try self.library ?? FreeTypeLibrary()
        self.library = library
        return library
    }

    /// The full face, always: tests and cmapGlyphRun look glyphs up by character.
    func freeTypeFace(_ font: FontRef) throws -> FreeTypeFace {
        if let face = freeTypeFaces[font] { return face }
        let face = try freeTypeLibrary().openFace(font)
        freeTypeFaces[font] = face
        return face
    }

    func cairoFace(_ font: FontRef) throws -> CairoFontFace {
        if let face = cairoFaces[font] { return face }
        let description = "\(font.path)#\(font.faceIndex)"
        let face: CairoFontFace
        if let glyphs = subsetGlyphs[font], let subset = FontSubsetter.subset(font, glyphs: glyphs, keepCmap: keepCmap) {
            let subsetFace = try freeTypeLibrary().openFace(bytes: subset.bytes, description: "\(description) (subset)")
            face = try CairoFontFace(face: subsetFace, fontDescription: "\(description) (subset)")
            subsets[font] = subset
        } else {
            face = try CairoFontFace(face: try freeTypeFace(font), fontDescription: description)
        }
        cairoFaces[font] = face
        return face
    }

    /// The whole renumbering for `font` (nil when drawn from the full face), so a run can
    /// look it up once rather than per glyph.
    func subset(of font: FontRef) -> FontSubsetter.Subset? { subsets[font] }
}
