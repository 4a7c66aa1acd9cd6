import BroadsheetDisplay

/// Output choices that are not part of the page content: the same display list is drawn
/// once as a proof (no marks) and once for the printer (bleed, marks, boxes).
public struct RenderOptions: Sendable, Equatable {
    /// Print geometry; nil draws the trimmed page only, as on screen.
    public var print: PrintGeometry?
    /// Raster images whose effective resolution in the PDF falls below this get a warning:
    /// newsprint needs about 150–200 ppi before halftoning shows the pixels.
    public var minimumImagePPI: Double

    public init(print: PrintGeometry? = nil, minimumImagePPI: Double = 150) {
        self.print = print
        self.minimumImagePPI = minimumImagePPI
    }
}

/// Something worth telling the editor that does not stop output (a low-resolution photo).
/// Returned to the caller instead of printed, so a CLI, a server and a test can each decide
/// what to do with it.
public struct RenderWarning: Sendable, Equatable, CustomStringConvertible {
    /// 1-based page number within the document.
    public var page: Int
    /// The display item's owner (article id, "masthead", …).
    public var owner: String
    public var message: String

    public init(page: Int, owner: String, message: String) {
        self.page = page; self.owner = owner; self.message = message
    }

    /// Page 0: about the whole document.
    public var description: String { page > 0 ? "page \(page) [\(owner)]: \(message)" : message }
}
