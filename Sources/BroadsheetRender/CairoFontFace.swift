import CCairo
import CFreeType

/// The key only needs a unique address; Cairo never reads or writes through it, which is
/// why an immutable global pointer is safe to share between threads.
nonisolated(unsafe) private let freeTypeOwnerKey = UnsafeMutablePointer<cairo_user_data_key_t>.allocate(capacity: 1)

/// Owns a cairo_font_face_t made from an FT_Face.
///
/// Cairo's rule for `cairo_ft_font_face_create_for_ft_face` is that the FT_Face must stay
/// valid until Cairo destroys the font face, and Cairo may hold the face in its scaled-font
/// cache long after our last reference is gone. So the FreeTypeFace is retained by the
/// font face's own user data and released by Cairo's destroy callback, not by this class.
final class CairoFontFace {
    /// Borrowed by CairoContext to select the font; never stored elsewhere.
    let raw: OpaquePointer

    init(face: FreeTypeFace, fontDescription: String) throws {
        // No hinting: positions come from the shaper in unhinted units; hinted outlines in
        // the PNG proof would disagree with the PDF. A face without bitmap strikes (every
        // bundled font) is also told not to look for any: FreeType then loads a CFF glyph
        // about a fifth faster (Cairo asks so itself only when it wants an outline, not for
        // the metrics it loads each glyph a second time for). A face with strikes keeps
        // Cairo's own choice, so that a bitmap-only glyph is never loaded as nothing.
        let loadFlags = Int32(face.hasBitmapStrikes ? FT_LOAD_NO_HINTING : FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)
        guard let created = face.withRawFace({ cairo_ft_font_face_create_for_ft_face($0, loadFlags) }) else {
            throw RenderError.cairo(operation: "cairo_ft_font_face_create_for_ft_face(\(fontDescription))",
                                    status: "NULL")
        }
        let status = cairo_font_face_status(created)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(created)
            throw RenderError.cairo(operation: "cairo_ft_font_face_create_for_ft_face(\(fontDescription))",
                                    status: String(cString: cairo_status_to_string(status)))
        }
        let owner = Unmanaged.passRetained(face).toOpaque()
        let userDataStatus = cairo_font_face_set_user_data(created, freeTypeOwnerKey, owner) { pointer in
            guard let pointer else { return }
            Unmanaged<FreeTypeFace>.fromOpaque(pointer).release()
        }
        guard userDataStatus == CAIRO_STATUS_SUCCESS else {
            Unmanaged<FreeTypeFace>.fromOpaque(owner).release()
            cairo_font_face_destroy(created)
            throw RenderError.cairo(operation: "cairo_font_face_set_user_data(\(fontDescription))",
                                    status: String(cString: cairo_status_to_string(userDataStatus)))
        }
        raw = created
    }

    deinit { cairo_font_face_destroy(raw) }
}
