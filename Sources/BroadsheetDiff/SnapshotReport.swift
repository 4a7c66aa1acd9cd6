import Foundation

/// The HTML report: one self-contained folder (`index.html` plus `images/`) with relative
/// links, so it can be zipped, attached to a CI run or opened from a file share.
struct SnapshotReport {
    static let imageFolder = "images"
    static let fileName = "index.html"
    let directory: String

    enum Role: String { case baseline, new, diff }

    func imageLink(_ name: String, _ role: Role) -> String {
        let file = "\(name).\(role.rawValue).png"
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return "\(Self.imageFolder)/\(file.addingPercentEncoding(withAllowedCharacters: allowed) ?? file)"
    }

    private func imagePath(_ name: String, _ role: Role) -> String {
        ((directory as NSString).appendingPathComponent(Self.imageFolder) as NSString)
            .appendingPathComponent("\(name).\(role.rawValue).png")
    }

    /// Writes the images a page needs: all three for a changed page, the new render for a new
    /// one, both inputs for a page that could not be compared. Unchanged pages cost nothing.
    func addImages(for result: SnapshotPageResult, page: SnapshotPage, new: RasterImage, baseline: RasterImage?) throws {
        switch result.status {
        case .changed:
            if let baseline { try baseline.writePNG(to: imagePath(page.name, .baseline)) }
            try new.writePNG(to: imagePath(page.name, .new))
            if let diff = result.diff?.diffImage { try diff.writePNG(to: imagePath(page.name, .diff)) }
        case .new:
            try new.writePNG(to: imagePath(page.name, .new))
        case .resolutionMismatch:
            if let baseline { try baseline.writePNG(to: imagePath(page.name, .baseline)) }
            try new.writePNG(to: imagePath(page.name, .new))
        case .unchanged, .removed:
            break
        }
    }

    /// Writes `index.html` atomically and returns its path.
    func write(_ results: [SnapshotPageResult], options: SnapshotOptions) throws -> String {
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        do {
            try Data(html(results, options: options).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DiffError.writeFailed(path: path, reason: error.localizedDescription)
        }
        return path
    }

    func html(_ results: [SnapshotPageResult], options: SnapshotOptions) -> String {
        var h = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Broadsheet snapshot report</title>
        <style>
        body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
        table { border-collapse: collapse; margin-bottom: 24px; }
        td, th { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }
        .changed, .removed { color: #b00; } .new { color: #a60; } .resolutionMismatch { color: #b00; font-weight: bold; }
        .unchanged { color: #080; }
        .trio { display: flex; gap: 12px; align-items: flex-start; }
        figure { margin: 0; flex: 1; min-width: 0; }
        figcaption { font-weight: bold; margin-bottom: 4px; }
        .frame { position: relative; }
        .frame img { display: block; width: 100%; border: 1px solid #999; box-sizing: border-box; }
        .box { position: absolute; border: 2px solid #e00; box-sizing: border-box; background: rgba(255,0,0,0.06); }
        .block { position: absolute; border: 1.5px dashed #06c; box-sizing: border-box; pointer-events: none; }
        .box span { position: absolute; top: -1.4em; left: 0; background: #e00; color: #fff; font-size: 11px; padding: 0 3px; }
        </style>
        </head>
        <body>
        <h1>Broadsheet snapshot report</h1>

        """
        let counts = [SnapshotStatus.changed, .new, .removed, .resolutionMismatch, .unchanged].map { status in
            "\(results.filter { $0.status == status }.count) \(Self.label(status))"
        }
        h += "<p>\(results.count) pages: \(counts.joined(separator: ", ")). "
        h += "Baselines: <code>\(escape(options.baselineDirectory))</code>; threshold \(options.diff.threshold)"
        h += options.update ? "; baselines were updated with this render.</p>\n" : ".</p>\n"
        h += "<table>\n<tr><th>Page</th><th>Status</th><th>Differing pixels</th><th>Share</th><th>Regions</th></tr>\n"
        for r in results {
            let name = r.status == .unchanged || r.status == .removed
                ? escape(r.name) : "<a href=\"#page-\(escape(r.name))\">\(escape(r.name))</a>"
            let px = r.diff.map { "\($0.differingPixels)" } ?? "–"
            let share = r.diff.map { Self.percent($0.differingShare) } ?? "–"
            h += "<tr><td>\(name)</td><td class=\"\(r.status.rawValue)\">\(Self.label(r.status))"
            h += r.baselineWritten ? " (baseline updated)" : ""
            h += "</td><td>\(px)</td><td>\(share)</td><td>\(r.regions.count)</td></tr>\n"
        }
        h += "</table>\n"

        for r in results where r.status != .unchanged && r.status != .removed {
            h += "<section id=\"page-\(escape(r.name))\">\n<h2>\(escape(r.name)) — <span class=\"\(r.status.rawValue)\">\(Self.label(r.status))</span></h2>\n"
            if let message = r.message { h += "<p>\(escape(message))</p>\n" }
            if let d = r.diff {
                h += "<p>\(d.differingPixels) pixels differ (\(Self.percent(d.differingShare))), "
                h += "\(d.antialiasedPixels) anti-aliasing only; compared \(d.comparedSize).</p>\n"
            }
            h += "<div class=\"trio\">\n"
            switch r.status {
            case .changed:
                h += figure("Baseline", imageLink(r.name, .baseline), size: r.diff?.sizeA, regions: r.regions)
                h += figure("New", imageLink(r.name, .new), size: r.diff?.sizeB, regions: r.regions)
                h += figure("Diff", imageLink(r.name, .diff), size: r.diff?.comparedSize, regions: r.regions)
            case .new:
                h += figure("New (no baseline)", imageLink(r.name, .new), size: nil, regions: [])
            default:
                h += figure("Baseline", imageLink(r.name, .baseline), size: nil, regions: [])
                h += figure("New", imageLink(r.name, .new), size: nil, regions: [])
            }
            h += "</div>\n"
            if !r.regions.isEmpty {
                h += "<ol class=\"regions\">\n"
                for region in r.regions {
                    let ids = region.touchedIDs.isEmpty ? "no labelled region"
                        : "touches " + region.touchedIDs.map { "<code>\(escape($0))</code>" }.joined(separator: ", ")
                    let blocks = region.blocks.isEmpty ? ""
                        : "; in " + region.blocks.map { "<code>\(escape($0.id))</code> \($0.rect)" }.joined(separator: ", ")
                    h += "<li>\(region.rect): \(ids)\(blocks)</li>\n"
                }
                h += "</ol>\n"
            }
            h += "</section>\n"
        }
        h += "</body>\n</html>\n"
        return h
    }

    /// One image with the changed-region boxes laid over it. Boxes are placed in percent of
    /// the image's own size so they stay aligned however the browser scales the picture.
    private func figure(_ caption: String, _ src: String, size: PixelSize?, regions: [ChangedRegion]) -> String {
        var f = "<figure><figcaption>\(escape(caption))</figcaption><div class=\"frame\">"
        f += "<img src=\"\(escape(src))\" alt=\"\(escape(caption))\">"
        if let size, size.width > 0, size.height > 0 {
            for (n, region) in regions.enumerated() {
                let r = region.rect
                let style = String(format: "left:%.4f%%;top:%.4f%%;width:%.4f%%;height:%.4f%%",
                                   100 * Double(r.x) / Double(size.width), 100 * Double(r.y) / Double(size.height),
                                   100 * Double(r.width) / Double(size.width), 100 * Double(r.height) / Double(size.height))
                let title = region.touchedIDs.isEmpty ? "\(r)" : "\(r): \(region.touchedIDs.joined(separator: ", "))"
                f += "<div class=\"box\" style=\"\(style)\" title=\"\(escape(title))\"><span>\(n + 1)</span></div>"
            }
            // The paragraphs the changes fall in, outlined dashed around the changed boxes.
            var seen = Set<PixelRect>()
            for block in regions.flatMap(\.blocks) where seen.insert(block.rect).inserted {
                let r = block.rect
                let style = String(format: "left:%.4f%%;top:%.4f%%;width:%.4f%%;height:%.4f%%",
                                   100 * Double(r.x) / Double(size.width), 100 * Double(r.y) / Double(size.height),
                                   100 * Double(r.width) / Double(size.width), 100 * Double(r.height) / Double(size.height))
                f += "<div class=\"block\" style=\"\(style)\" title=\"\(escape(block.id))\"></div>"
            }
        }
        f += "</div></figure>\n"
        return f
    }

    static func label(_ status: SnapshotStatus) -> String {
        switch status {
        case .unchanged: return "unchanged"
        case .changed: return "changed"
        case .new: return "new"
        case .removed: return "removed"
        case .resolutionMismatch: return "resolution mismatch"
        }
    }

    static func percent(_ share: Double) -> String { String(format: "%.4f %%", share * 100) }
}

func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}
