/// The outcome of comparing one page with its counterpart.
public struct PageDiff: Sendable {
    public let sizeA: PixelSize
    public let sizeB: PixelSize
    /// The common top-left area that was compared; equal to both sizes unless they differ.
    public let comparedSize: PixelSize
    public let differingPixels: Int
    public let antialiasedPixels: Int
    /// Changed regions in pixels of the compared area, top to bottom.
    public let regions: [PixelRect]
    /// Faded grey A with changed pixels red and anti-aliasing-only pixels yellow, over the
    /// compared area; nil when `DiffOptions.makeDiffImage` is off.
    public let diffImage: RasterImage?

    public var sizesDiffer: Bool { sizeA != sizeB }
    /// Share of the compared area that differs, 0…1.
    public var differingShare: Double {
        comparedSize.area == 0 ? 0 : Double(differingPixels) / Double(comparedSize.area)
    }
    /// Equal within tolerance: same size and no pixel over the threshold that is not
    /// anti-aliasing.
    public var isEqual: Bool { !sizesDiffer && differingPixels == 0 }

    /// The same result without its page-sized image, to keep summaries of long documents small.
    public func withoutImage() -> PageDiff {
        PageDiff(sizeA: sizeA, sizeB: sizeB, comparedSize: comparedSize, differingPixels: differingPixels,
                 antialiasedPixels: antialiasedPixels, regions: regions, diffImage: nil)
    }
}

public enum ImageDiff {
    /// Compares two rasters. Different sizes are not an error: both are cropped to the common
    /// top-left area (pages are anchored top-left in every renderer we know), nothing outside
    /// it is counted, and `sizesDiffer` says so, so that the caller reports it.
    public static func compare(_ a: RasterImage, _ b: RasterImage, options: DiffOptions = DiffOptions()) throws -> PageDiff {
        try options.validate()
        let common = PixelSize(width: min(a.width, b.width), height: min(a.height, b.height))
        let ca = a.cropped(to: common), cb = b.cropped(to: common)
        let match = PixelMatch.compare(ca, cb, options: options)
        let regions = RegionClustering.regions(of: match.runs, height: common.height, radius: options.clusterRadius)
        return PageDiff(sizeA: a.size, sizeB: b.size, comparedSize: common,
                        differingPixels: match.differingPixels, antialiasedPixels: match.antialiasedPixels,
                        regions: regions, diffImage: match.diffImage)
    }
}
