import CFreeType

/// Owns one FT_Face. The strong `library` reference is the point: FT_Done_FreeType frees all
/// faces of a library, so the library must outlive every face, including faces Cairo keeps
/// alive in its font caches after the renderer is gone.
final class FreeTypeFace {
    private let face: FT_Face
    private let library: FreeTypeLibrary
    /// For a face opened from memory, the object that owns the bytes: FreeType reads them
    /// for as long as the face lives. Stored properties are released after `deinit` has
    /// run FT_Done_Face, so the bytes always outlive the face.
    private let backing: AnyObject?

    init(face: FT_Face, library: FreeTypeLibrary, backing: AnyObject? = nil) {
        self.face = face
        self.library = library
        self.backing = backing
    }

    deinit { FT_Done_Face(face) }

    var glyphCount: Int { Int(face.pointee.num_glyphs) }

    /// Whether the face carries embedded bitmap strikes (EBDT/CBDT/sbix).
    var hasBitmapStrikes: Bool { face.pointee.num_fixed_sizes > 0 }

    /// Lends the raw face to a Cairo wrapper; the wrapper must keep `self` alive for as long
    /// as it keeps the pointer (CairoFontFace does so through Cairo user data).
    func withRawFace<R>(_ body: (FT_Face) throws -> R) rethrows -> R {
        try body(face)
    }

    /// The cmap lookup, without shaping: enough for tests and for diagnostics. 0 = .notdef.
    func glyphIndex(for scalar: Unicode.Scalar) -> UInt32 {
        UInt32(FT_Get_Char_Index(face, FT_ULong(scalar.value)))
    }

    /// Horizontal advance in em units (unscaled, unhinted), so tests can place glyphs.
    func advance(ofGlyph glyph: UInt32) -> Double {
        let error = FT_Load_Glyph(face, FT_UInt(glyph), FT_Int32(FT_LOAD_NO_SCALE))
        let unitsPerEm = Double(face.pointee.units_per_EM)
        guard error == 0, unitsPerEm > 0, let slot = face.pointee.glyph else { return 1 }
        return Double(slot.pointee.advance.x) / unitsPerEm
    }
}
