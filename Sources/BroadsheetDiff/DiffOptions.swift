/// How two rasters are compared. Defaults are pixelmatch's, so that our counts can be checked
/// against the reference implementation, and Playwright users find the numbers they know.
public struct DiffOptions: Sendable, Equatable {
    /// Matching threshold, 0…1: the largest YIQ colour distance still called equal, as a share
    /// of the largest possible distance (pixelmatch's meaning). 0.1 is pixelmatch's default:
    /// it ignores rounding noise between rasterisers yet flags a grey-for-black tint change.
    public var threshold: Double = 0.1
    /// Count anti-aliasing pixels as differences. Off, as in pixelmatch, so that a glyph moving
    /// by a fraction of a pixel (a font hinting or engine update) does not flag a page.
    public var includeAA: Bool = false
    /// Opacity of A's grey copy under the marks in the diff image (pixelmatch's `alpha`): faint
    /// enough that red and yellow stand out, strong enough to see which column is which.
    public var alpha: Double = 0.1
    public var diffColor: RGBA8 = .red
    public var aaColor: RGBA8 = .yellow
    /// Produce the diff image at all. Off saves a page-sized buffer when only counts matter.
    public var makeDiffImage: Bool = true
    /// Changed pixels whose dilated squares of this radius touch belong to one region. 6 px at
    /// 150 dpi (≈1 mm) bridges the gaps between glyphs and between the lines of one paragraph
    /// (leading gaps are ~8–10 px at 9 pt) but not a column gutter (≥ 4 mm ≈ 24 px), so a
    /// changed sentence is one box and two changed columns stay two.
    public var clusterRadius: Int = 6

    public init(threshold: Double = 0.1, includeAA: Bool = false, alpha: Double = 0.1,
                makeDiffImage: Bool = true, clusterRadius: Int = 6) {
        self.threshold = threshold
        self.includeAA = includeAA
        self.alpha = alpha
        self.makeDiffImage = makeDiffImage
        self.clusterRadius = clusterRadius
    }

    func validate() throws {
        guard threshold >= 0, threshold <= 1 else {
            throw DiffError.invalidArgument("threshold must be between 0 and 1, not \(threshold)")
        }
        guard alpha >= 0, alpha <= 1 else {
            throw DiffError.invalidArgument("alpha must be between 0 and 1, not \(alpha)")
        }
        guard clusterRadius >= 0 else {
            throw DiffError.invalidArgument("cluster radius must not be negative, not \(clusterRadius)")
        }
    }
}
