/// A rectangle of the page that belongs to something a person recognises (an article, an ad,
/// the masthead), so that a changed-region box can be reported as "article a-17 moved" rather
/// than as coordinates only. Rects are in the rendered page's pixels.
public struct LabelledRegion: Sendable, Hashable, Codable {
    public var id: String
    public var rect: PixelRect
    public init(id: String, rect: PixelRect) { self.id = id; self.rect = rect }
}

/// One rendered page handed to the snapshot runner by whoever renders (the layout engine in
/// `broadsheet snapshot`, or a test). `name` becomes `<name>.png` in the baseline folder.
public struct SnapshotPage: Sendable {
    public enum Image: Sendable {
        case file(path: String)
        case raster(RasterImage)
    }
    public var name: String
    public var image: Image
    public var regions: [LabelledRegion]
    /// Finer labelled boxes (a paragraph of an article): a changed region is reported with
    /// the blocks it falls in, so the report can outline the whole paragraph that moved.
    public var blocks: [LabelledRegion]
    public init(name: String, image: Image, regions: [LabelledRegion] = [], blocks: [LabelledRegion] = []) {
        self.name = name; self.image = image; self.regions = regions; self.blocks = blocks
    }
}

public struct SnapshotOptions: Sendable {
    public var baselineDirectory: String
    /// Where to write `index.html` and its images; nil writes no report.
    public var reportDirectory: String?
    /// Rewrite the baselines of new and changed pages with the new renders.
    public var update: Bool
    public var diff: DiffOptions
    public init(baselineDirectory: String, reportDirectory: String? = nil, update: Bool = false,
                diff: DiffOptions = DiffOptions()) {
        self.baselineDirectory = baselineDirectory
        self.reportDirectory = reportDirectory
        self.update = update
        self.diff = diff
    }
}

public enum SnapshotStatus: String, Sendable, Codable {
    /// Equal to the baseline within tolerance.
    case unchanged
    /// Differs from the baseline (pixels over the threshold, or another page format).
    case changed
    /// No baseline exists for this page name.
    case new
    /// A baseline exists for no page of this render (the issue lost a page).
    case removed
    /// Same page proportions at another pixel size: rendered at another dpi, so a pixel diff
    /// would be meaningless. An error, not a change.
    case resolutionMismatch
}

/// A changed-region box with the ids of the labelled regions it touches.
public struct ChangedRegion: Sendable, Hashable, Codable {
    public let rect: PixelRect
    public let touchedIDs: [String]
    /// The page's blocks (paragraphs) the region falls in, e.g. `book ¶3`.
    public let blocks: [LabelledRegion]
    public init(rect: PixelRect, touchedIDs: [String], blocks: [LabelledRegion] = []) {
        self.rect = rect; self.touchedIDs = touchedIDs; self.blocks = blocks
    }
}

public struct SnapshotPageResult: Sendable {
    public let name: String
    public let status: SnapshotStatus
    /// The comparison, for pages that had a comparable baseline.
    public let diff: PageDiff?
    public let regions: [ChangedRegion]
    /// A sentence for people: why a page is an error, or that sizes differ.
    public let message: String?
    /// The baseline file was (re)written by `--update`.
    public let baselineWritten: Bool
}

public struct SnapshotResult: Sendable {
    public let pages: [SnapshotPageResult]
    /// Path of `index.html`, when a report was asked for.
    public let reportPath: String?

    public func pages(_ status: SnapshotStatus) -> [SnapshotPageResult] { pages.filter { $0.status == status } }

    /// 2 when a page could not be compared (resolution mismatch), else 1 when any page changed,
    /// is new or lost, else 0. After `--update` the baselines match the render, so nothing
    /// that was rewritten counts.
    public var exitCode: Int32 {
        if pages.contains(where: { $0.status == .resolutionMismatch && !$0.baselineWritten }) { return 2 }
        return pages.allSatisfy { $0.status == .unchanged || $0.baselineWritten } ? 0 : 1
    }
}
