import ArgumentParser
import Foundation
import BroadsheetDiff
import BroadsheetDisplay
import BroadsheetLayout
import BroadsheetRender
import BroadsheetText

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Render every page of an issue and compare it with baseline PNGs.",
        discussion: "Exit 0 when every page matches its baseline, 1 when a page changed or is new, 2 on error.")

    @Argument(help: "The issue JSON file.")
    var issue: String

    @Option(help: "Folder of baseline PNGs (page-1.png, page-2.png, …).")
    var baselines: String

    @Flag(help: "Rewrite the baselines with the new rendering.")
    var update = false

    @Option(help: "Resolution to render at; must match the baselines'.")
    var dpi: Double = 50

    @Option(help: "Write an HTML report (baseline, new and diff side by side) into this folder.")
    var report: String?

    @Option(help: "Colour-distance threshold, 0…1 (pixelmatch's).")
    var threshold: Double = 0.1

    func validate() throws { try checkDPI(dpi) }

    func run() throws {
        try reportingErrors(exitCode: 2) {
            let store = try FontStore.bundled()
            let composed = try IssueComposer(store: store).compose(issueAt: issue)
            let renderer = PNGRenderer()
            let scale = dpi / 72
            var pages: [SnapshotPage] = []
            for (i, page) in composed.document.pages.enumerated() {
                let r = try renderer.renderPage(page, dpi: dpi)
                let image = BroadsheetDiff.RasterImage(width: r.width, height: r.height, pixels: r.rgba)
                // Each owner's ink, in pixels, so a changed region can name the articles it touches.
                var byOwner: [String: Rect] = [:]
                for b in composed.boxes[i] where !b.owner.isEmpty {
                    let u = byOwner[b.owner].map { union($0, b.rect) } ?? b.rect
                    byOwner[b.owner] = u
                }
                let regions = byOwner.sorted { $0.key < $1.key }.map { id, rect in
                    LabelledRegion(id: id, rect: pixels(rect, scale))
                }
                // Paragraph boxes: each paragraph's lines in one column, so a changed character
                // can be shown inside the paragraph it belongs to.
                struct Key: Hashable { var owner: String; var part: Int; var x: Int }
                var paragraphs: [Key: Rect] = [:]
                var order: [Key] = []
                for b in composed.boxes[i] where b.part >= 0 {
                    let key = Key(owner: b.owner, part: b.part, x: Int(b.rect.x.rounded()))
                    if let r = paragraphs[key] { paragraphs[key] = union(r, b.rect) } else { paragraphs[key] = b.rect; order.append(key) }
                }
                let blocks = order.compactMap { key in
                    paragraphs[key].map { LabelledRegion(id: "\(key.owner) ¶\(key.part + 1)", rect: pixels($0, scale)) }
                }
                pages.append(SnapshotPage(name: "page-\(i + 1)", image: .raster(image), regions: regions, blocks: blocks))
            }
            let result = try SnapshotRunner(options: SnapshotOptions(
                baselineDirectory: baselines, reportDirectory: report, update: update,
                diff: DiffOptions(threshold: threshold))).run(pages)
            for p in result.pages {
                var line = "\(p.name): \(p.status.rawValue)"
                if let d = p.diff, p.status == .changed {
                    line += String(format: " — %d pixels (%.3f%%)", d.differingPixels, d.differingShare * 100)
                }
                if let m = p.message { line += " — \(m)" }
                Swift.print(line)
                for r in p.regions {
                    var line = "  region \(r.rect.x),\(r.rect.y) \(r.rect.width)×\(r.rect.height) px touches: \(r.touchedIDs.joined(separator: ", "))"
                    if !r.blocks.isEmpty {
                        line += " — in " + r.blocks.map { "\($0.id) (\($0.rect.x),\($0.rect.y) \($0.rect.width)×\($0.rect.height) px)" }.joined(separator: ", ")
                    }
                    Swift.print(line)
                }
            }
            if let path = result.reportPath { Swift.print("report: \(path)") }
            if result.exitCode != 0 { throw ExitCode(result.exitCode) }
        }
    }

    /// Page points to pixels at the render's scale, rounded outwards.
    func pixels(_ r: Rect, _ scale: Double) -> PixelRect {
        let x = Int((r.x * scale).rounded(.down)), y = Int((r.y * scale).rounded(.down))
        return PixelRect(x: x, y: y, width: Int((r.maxX * scale).rounded(.up)) - x + 1,
                         height: Int((r.maxY * scale).rounded(.up)) - y + 1)
    }

    func union(_ a: Rect, _ b: Rect) -> Rect {
        let x = min(a.x, b.x), y = min(a.y, b.y)
        return Rect(x: x, y: y, width: max(a.maxX, b.maxX) - x, height: max(a.maxY, b.maxY) - y)
    }
}
