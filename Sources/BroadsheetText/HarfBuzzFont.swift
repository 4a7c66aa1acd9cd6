import CHarfBuzz

/// Owns one HarfBuzz face and font for a file and face index. The blob is memory-mapped by
/// HarfBuzz, so opening a 20 MB collection costs a page-table entry, not a read; we open each
/// face once (see `FontStore`) and share it for every paragraph.
///
/// HarfBuzz fonts are immutable once configured and safe to shape from several threads, and
/// the cmap cache below is written only through atomic stores, which is why this wrapper
/// may be `@unchecked Sendable`.
///
/// The font shapers use is a HarfBuzz sub-font whose only own functions are the cmap
/// lookups, answered from a dense per-face cache (`bs_cmap_cache_t` in the CHarfBuzz shim).
/// A CJK face's cmap is a binary search over some 30 000 format-12 groups, and HarfBuzz
/// keeps only a 256-entry cache in front of it, which thousands of distinct ideographs
/// defeat: in a profile of the composer benchmark the binary search alone, each step a
/// cache miss, was a third of shaping's samples, and with this cache shaping runs about
/// twice as fast (4.2 → 7.5–10 M characters/s). Everything else (advances, GSUB, GPOS) goes
/// to the parent font unchanged.
public final class HarfBuzzFont: @unchecked Sendable {
    let blob: OpaquePointer
    let face: OpaquePointer
    /// The face's plain HarfBuzz font: what `font` falls back to.
    let parent: OpaquePointer
    let font: OpaquePointer

    /// Characters below this are cached: planes 0–2, every character the bundled faces map
    /// (CJK Extensions G and H, in plane 3, go straight to the face). About 0.8 MB per face,
    /// touched only where used.
    static let cachedCharacters: UInt32 = 0x30000
    /// Font design units per em (1000 for Noto CJK); shaping happens at this scale so positions
    /// come back in design units and are scaled to points by `size / unitsPerEm`.
    public let unitsPerEm: Int32
    public let path: String
    public let faceIndex: Int

    public init(path: String, faceIndex: Int) throws(FontError) {
        guard let blob = hb_blob_create_from_file_or_fail(path) else {
            throw .fileNotReadable(path)
        }
        let count = hb_face_count(blob)
        guard faceIndex >= 0, UInt32(faceIndex) < max(count, 1) else {
            hb_blob_destroy(blob)
            throw .noSuchFace(path, faceIndex, Int(count))
        }
        let face = hb_face_create(blob, UInt32(faceIndex))!
        let upem = Int32(hb_face_get_upem(face))
        guard hb_face_get_glyph_count(face) > 0 else {
            hb_face_destroy(face)
            hb_blob_destroy(blob)
            throw .notAFont(path)
        }
        let parent = hb_font_create(face)!
        hb_font_set_scale(parent, upem, upem)
        hb_font_make_immutable(parent)
        let funcs = hb_font_funcs_create()!
        hb_font_funcs_set_nominal_glyph_func(funcs, bs_cmap_cache_nominal_glyph, nil, nil)
        hb_font_funcs_set_nominal_glyphs_func(funcs, bs_cmap_cache_nominal_glyphs, nil, nil)
        hb_font_funcs_make_immutable(funcs)
        let font = hb_font_create_sub_font(parent)!
        // The font keeps its own reference to funcs, and owns the cache: HarfBuzz destroys it
        // with the font (a nil cache, out of memory, makes every lookup go to the parent).
        hb_font_set_funcs(font, funcs, bs_cmap_cache_create(Self.cachedCharacters), bs_cmap_cache_destroy)
        hb_font_funcs_destroy(funcs)
        hb_font_make_immutable(font)
        self.blob = blob
        self.face = face
        self.parent = parent
        self.font = font
        self.unitsPerEm = upem
        self.path = path
        self.faceIndex = faceIndex
    }

    deinit {
        hb_font_destroy(font)
        hb_font_destroy(parent)
        hb_face_destroy(face)
        hb_blob_destroy(blob)
    }

    /// The glyph the cmap gives for a character, or nil when the face lacks it.
    public func glyph(for scalar: UInt32) -> UInt32? {
        var gid: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(font, scalar, &gid) != 0 ? gid : nil
    }

    /// Advance of a glyph in design units.
    public func advance(of glyph: UInt32) -> Int32 {
        hb_font_get_glyph_h_advance(font, glyph)
    }

    /// Whether the face's GPOS or GSUB table offers an OpenType feature, e.g. `halt`.
    public func hasFeature(_ tag: String) -> Bool {
        let wanted = HarfBuzzFont.tag(tag)
        for table in [HarfBuzzFont.tag("GPOS"), HarfBuzzFont.tag("GSUB")] {
            var count: UInt32 = 64
            var tags = [hb_tag_t](repeating: 0, count: 64)
            var start: UInt32 = 0
            repeat {
                count = 64
                let total = hb_ot_layout_table_get_feature_tags(face, table, start, &count, &tags)
                if tags[0..<Int(count)].contains(wanted) { return true }
                start += count
                if start >= total { break }
            } while count > 0
        }
        return false
    }

    static func tag(_ s: String) -> hb_tag_t {
        var v: UInt32 = 0
        for b in s.utf8.prefix(4) { v = (v << 8) | UInt32(b) }
        for _ in s.utf8.count..<4 { v = (v << 8) | 0x20 }
        return v
    }
}

public enum FontError: Error, Equatable, CustomStringConvertible {
    case fileNotReadable(String)
    case noSuchFace(String, Int, Int)
    case notAFont(String)
    case unknownRole(String, known: [String])
    case manifest(String)

    public var description: String {
        switch self {
        case .fileNotReadable(let p): return "font file not found or unreadable: \(p)"
        case .noSuchFace(let p, let i, let n): return "font \(p) has \(n) face(s); face index \(i) does not exist"
        case .notAFont(let p): return "not a font file: \(p)"
        case .unknownRole(let r, let known): return "unknown font role '\(r)' (known roles: \(known.joined(separator: ", ")))"
        case .manifest(let m): return m
        }
    }
}

extension HarfBuzzFont {
    /// Shapes one character as Han-script text with the given features on; used to learn
    /// alternate metrics (`halt`, `fwid`) once per mark. Not for running text.
    public func shapeSingle(_ scalar: UInt32, features: [String], language: String)
        -> (glyph: UInt32, advance: Int32, xOffset: Int32)
    {
        var out: [HarfBuzzBuffer.Glyph] = []
        HarfBuzzBuffer().shape([scalar], range: 0..<1, font: self, script: ScriptItemizer.han, language: language,
                               features: features, into: &out)
        guard let g = out.first else { return (0, 0, 0) }
        return (g.glyph, g.xAdvance, g.xOffset)
    }

    /// Ink box of a glyph in design units: left bearing and width (xeCJK's way of finding
    /// a mark's blank when a font has no `halt`).
    public func inkExtents(of glyph: UInt32) -> (left: Int32, width: Int32) {
        var e = hb_glyph_extents_t()
        guard hb_font_get_glyph_extents(font, glyph, &e) != 0 else { return (0, 0) }
        return (e.x_bearing, e.width)
    }
}
