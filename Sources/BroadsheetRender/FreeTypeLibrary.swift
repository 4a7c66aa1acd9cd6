import BroadsheetDisplay
import CFreeType

/// Owns one FT_Library. FreeType libraries are not thread-safe, so each renderer gets its
/// own instead of sharing a global one; faces keep a strong reference to their library so
/// FT_Done_FreeType can never run while Cairo still uses a face.
final class FreeTypeLibrary {
    private let library: FT_Library

    init() throws {
        var lib: FT_Library?
        let error = FT_Init_FreeType(&lib)
        guard error == 0, let lib else {
            throw RenderError.fontLoad(path: "", faceIndex: 0, detail: "FT_Init_FreeType failed (error \(error))")
        }
        library = lib
    }

    deinit { FT_Done_FreeType(library) }

    /// Opens face `font.faceIndex` of `font.path` (Noto CJK .ttc files hold several faces).
    func openFace(_ font: FontRef) throws -> FreeTypeFace {
        var face: FT_Face?
        let error = FT_New_Face(library, font.path, FT_Long(font.faceIndex), &face)
        guard error == 0, let face else {
            throw RenderError.fontLoad(path: font.path, faceIndex: font.faceIndex,
                                       detail: "FT_New_Face failed (FreeType error \(error))")
        }
        return FreeTypeFace(face: face, library: self)
    }

    /// Opens face 0 of a font held in memory (a subset made by FontSubsetter). The face
    /// keeps `bytes` alive; `description` names the font in errors.
    func openFace(bytes: HarfBuzzBlob, description: String) throws -> FreeTypeFace {
        let buffer = bytes.bytes
        guard let base = buffer.baseAddress, !buffer.isEmpty else {
            throw RenderError.fontLoad(path: description, faceIndex: 0, detail: "empty font data")
        }
        var face: FT_Face?
        let error = FT_New_Memory_Face(library, base.assumingMemoryBound(to: FT_Byte.self),
                                       FT_Long(buffer.count), 0, &face)
        guard error == 0, let face else {
            throw RenderError.fontLoad(path: description, faceIndex: 0,
                                       detail: "FT_New_Memory_Face failed (FreeType error \(error))")
        }
        return FreeTypeFace(face: face, library: self, backing: bytes)
    }
}
