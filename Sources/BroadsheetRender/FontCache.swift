import BroadsheetDisplay

/// One FreeType library per renderer and one face per FontRef: a broadsheet page sets
/// hundreds of runs in a handful of faces, and opening a 20 MB .ttc per run would dominate.
/// Not Sendable: FreeType faces must not be used from two threads at once, so a cache
/// stays confined to the renderer that made it.
final class FontCache {
    private var library: FreeTypeLibrary?
    private var freeTypeFaces: [FontRef: FreeTypeFace] = [:]
    private var cairoFaces: [FontRef: CairoFontFace] = [:]

    /// The library is created on first use so that making a renderer cannot fail.
    init() {}

    func freeTypeFace(_ font: FontRef) throws -> FreeTypeFace {
        if let face = freeTypeFaces[font] { return face }
        let library = try self.library ?? FreeTypeLibrary()
        self.library = library
        let face = try library.openFace(font)
        freeTypeFaces[font] = face
        return face
    }

    func cairoFace(_ font: FontRef) throws -> CairoFontFace {
        if let face = cairoFaces[font] { return face }
        let face = try CairoFontFace(face: try freeTypeFace(font),
                                     fontDescription: "\(font.path)#\(font.faceIndex)")
        cairoFaces[font] = face
        return face
    }
}
