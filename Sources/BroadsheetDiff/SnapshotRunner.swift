import Foundation

/// Compares rendered pages with a folder of baseline PNGs and writes the HTML report. Knows
/// nothing of layout: the renderer hands over pages (and, if it can, the rectangles of its
/// articles), so the same runner serves `broadsheet snapshot` and any other page producer.
public struct SnapshotRunner: Sendable {
    public var options: SnapshotOptions

    public init(options: SnapshotOptions) { self.options = options }

    public func run(_ pages: [SnapshotPage]) throws -> SnapshotResult {
        try options.diff.validate()
        var seen = Set<String>()
        for page in pages {
            try Self.validate(name: page.name)
            guard seen.insert(page.name).inserted else {
                throw DiffError.invalidArgument("page name \"\(page.name)\" is used twice")
            }
        }
        let fm = FileManager.default
        if options.update { try makeDirectory(options.baselineDirectory) }
        let report = try options.reportDirectory.map { dir -> SnapshotReport in
            try makeDirectory(dir)
            try makeDirectory((dir as NSString).appendingPathComponent(SnapshotReport.imageFolder))
            return SnapshotReport(directory: dir)
        }

        var results: [SnapshotPageResult] = []
        for page in pages {
            let image: RasterImage
            switch page.image {
            case .raster(let r): image = r
            case .file(let path): image = try ImageLoader.readPNG(path)
            }
            let baselinePath = self.baselinePath(page.name)
            var result: SnapshotPageResult
            var baseline: RasterImage? = nil
            if fm.fileExists(atPath: baselinePath) {
                let b = try ImageLoader.readPNG(baselinePath)
                baseline = b
                result = compare(page, image, baseline: b)
            } else {
                result = SnapshotPageResult(name: page.name, status: .new, diff: nil, regions: [],
                                            message: "no baseline \(page.name).png: a new page", baselineWritten: false)
            }
            if options.update && result.status != .unchanged {
                try image.writePNG(to: baselinePath)
                result = result.written()
            }
            try report?.addImages(for: result, page: page, new: image, baseline: baseline)
            results.append(result.withoutImage())
        }
        results += try removedPages(except: seen)
        let reportPath = try report?.write(results, options: options)
        return SnapshotResult(pages: results, reportPath: reportPath)
    }

    private func compare(_ page: SnapshotPage, _ image: RasterImage, baseline: RasterImage) -> SnapshotPageResult {
        if let message = Self.resolutionMismatch(name: page.name, baseline: baseline.size, new: image.size) {
            return SnapshotPageResult(name: page.name, status: .resolutionMismatch, diff: nil, regions: [],
                                      message: message, baselineWritten: false)
        }
        var diffOptions = options.diff
        diffOptions.makeDiffImage = options.reportDirectory != nil
        // Options were validated in run(), so compare cannot throw here.
        let diff = try! ImageDiff.compare(baseline, image, options: diffOptions)
        let regions = diff.regions.map { box in
            ChangedRegion(rect: box, touchedIDs: page.regions.filter { $0.rect.intersects(box) }.map(\.id),
                          blocks: page.blocks.filter { $0.rect.intersects(box) })
        }
        var message: String? = nil
        if diff.sizesDiffer {
            message = "baseline \(page.name).png is \(baseline.size), new page is \(image.size): "
                + "page format changed; compared the common \(diff.comparedSize) area only"
        }
        return SnapshotPageResult(name: page.name, status: diff.isEqual ? .unchanged : .changed, diff: diff,
                                  regions: regions, message: message, baselineWritten: false)
    }

    /// Baselines in the folder that no page of this render claims.
    private func removedPages(except names: Set<String>) throws -> [SnapshotPageResult] {
        let dir = options.baselineDirectory
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return try files.filter { $0.hasSuffix(".png") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(4)) }
            .filter { !names.contains($0) }
            .sorted()
            .map { name in
                var written = false
                if options.update {
                    do { try FileManager.default.removeItem(atPath: baselinePath(name)) } catch {
                        throw DiffError.writeFailed(path: baselinePath(name), reason: "\(error.localizedDescription)")
                    }
                    written = true
                }
                return SnapshotPageResult(name: name, status: .removed, diff: nil, regions: [],
                                          message: "baseline \(name).png has no page in this render", baselineWritten: written)
            }
    }

    func baselinePath(_ name: String) -> String {
        (options.baselineDirectory as NSString).appendingPathComponent(name + ".png")
    }

    /// A page that keeps its proportions but not its pixel size was rendered at another dpi
    /// (or by a renderer that rounds differently): diffing it would flag every glyph. Within
    /// this share the two scale factors count as one, i.e. the page format is the same; a
    /// broadsheet is ~2300 px wide, so 1 % is ~23 px, far above dpi rounding (≤ 1 px) and far
    /// below any real change of format (Berliner against broadsheet differs by ~20 %).
    static let sameProportionTolerance = 0.01

    static func resolutionMismatch(name: String, baseline: PixelSize, new: PixelSize) -> String? {
        guard baseline != new, baseline.area > 0, new.area > 0 else { return nil }
        let sx = Double(new.width) / Double(baseline.width)
        let sy = Double(new.height) / Double(baseline.height)
        guard abs(sx - sy) <= sameProportionTolerance * max(sx, sy) else { return nil }
        return "baseline \(name).png is \(baseline.width)×\(baseline.height) px, new page is "
            + "\(new.width)×\(new.height) px: render at the baseline's dpi"
    }

    static func validate(name: String) throws {
        if name.isEmpty || name.contains("/") || name.hasPrefix(".") || name.contains("\0") {
            throw DiffError.invalidPageName(name)
        }
    }

    private func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DiffError.writeFailed(path: path, reason: "cannot create the folder")
        }
    }
}

extension SnapshotPageResult {
    func withoutImage() -> SnapshotPageResult {
        SnapshotPageResult(name: name, status: status, diff: diff?.withoutImage(), regions: regions,
                           message: message, baselineWritten: baselineWritten)
    }
    func written() -> SnapshotPageResult {
        SnapshotPageResult(name: name, status: status, diff: diff, regions: regions, message: message, baselineWritten: true)
    }
}
