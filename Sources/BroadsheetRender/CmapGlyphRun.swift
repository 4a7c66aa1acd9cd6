import BroadsheetDisplay

/// Builds a glyph run from text through the font's cmap alone — one glyph per Unicode
/// scalar, advancing by each glyph's unhinted advance, no shaping, no kerning. Tests and
/// diagnostics use it to make display lists without depending on the shaper; real pages
/// come from BroadsheetText.
func cmapGlyphRun(_ text: String, font: FontRef, size: Double, origin: Point,
                  color: RGBColor = .black, owner: String = "", fonts: FontCache = FontCache()) throws -> GlyphRun {
    let face = try fonts.freeTypeFace(font)
    var glyphs: [PositionedGlyph] = []
    var clusters: [TextCluster] = []
    var x = origin.x
    for scalar in text.unicodeScalars {
        let id = face.glyphIndex(for: scalar)
        glyphs.append(PositionedGlyph(id: id, x: x, y: origin.y))
        clusters.append(TextCluster(utf8Count: String(scalar).utf8.count, glyphCount: 1))
        x += face.advance(ofGlyph: id) * size
    }
    return GlyphRun(font: font, size: size, color: color, glyphs: glyphs, text: text, clusters: clusters, owner: owner)
}
