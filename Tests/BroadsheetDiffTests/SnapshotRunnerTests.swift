import Foundation
import Testing
@testable import BroadsheetDiff

@Suite struct SnapshotRunnerTests {
    func runner(_ baselines: String, report: String? = nil, update: Bool = false) -> SnapshotRunner {
        SnapshotRunner(options: SnapshotOptions(baselineDirectory: baselines, reportDirectory: report, update: update))
    }

    @Test func pageWithoutBaselineIsNewAndFailsUntilUpdated() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let baselines = path(dir, "baselines"), report = path(dir, "report")
        let page = SnapshotPage(name: "page-1", image: .raster(samplePage()))
        let result = try runner(baselines, report: report).run([page])
        #expect(result.pages.map(\.status) == [.new])
        #expect(result.exitCode == 1)
        #expect(!FileManager.default.fileExists(atPath: path(baselines, "page-1.png")))
        let html = try String(contentsOfFile: try #require(result.reportPath), encoding: .utf8)
        #expect(html.contains("images/page-1.new.png"))
        #expect(FileManager.default.fileExists(atPath: path(report, "images/page-1.new.png")))

        let updated = try runner(baselines, update: true).run([page])
        #expect(updated.exitCode == 0)
        #expect(updated.pages.first?.baselineWritten == true)
        #expect(try RasterImage(pngPath: path(baselines, "page-1.png")) == samplePage())
        // Now it is unchanged.
        let again = try runner(baselines).run([page])
        #expect(again.pages.map(\.status) == [.unchanged])
        #expect(again.exitCode == 0)
    }

    @Test func unchangedPageFromAFilePasses() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let baselines = path(dir, "baselines")
        try FileManager.default.createDirectory(atPath: baselines, withIntermediateDirectories: true)
        try samplePage().writePNG(to: path(baselines, "front.png"))
        let rendered = path(dir, "front-render.png")
        try samplePage().writePNG(to: rendered)
        let result = try runner(baselines, report: path(dir, "report"))
            .run([SnapshotPage(name: "front", image: .file(path: rendered))])
        #expect(result.pages.map(\.status) == [.unchanged])
        #expect(result.pages.first?.diff?.differingPixels == 0)
        #expect(result.exitCode == 0)
        // Unchanged pages write no images.
        #expect(try FileManager.default.contentsOfDirectory(atPath: path(dir, "report/images")).isEmpty)
    }

    @Test func changedPageReportsBoxesTouchedArticlesAndThreeImages() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let baselines = path(dir, "baselines"), report = path(dir, "report")
        try FileManager.default.createDirectory(atPath: baselines, withIntermediateDirectories: true)
        try samplePage().writePNG(to: path(baselines, "page-2.png"))
        var changed = samplePage()
        let block = PixelRect(x: 20, y: 100, width: 30, height: 10)
        changed.fill(block, with: .black)
        let articles = [LabelledRegion(id: "a-lead", rect: PixelRect(x: 0, y: 90, width: 120, height: 70)),
                        LabelledRegion(id: "ad<1>", rect: PixelRect(x: 140, y: 0, width: 100, height: 80))]
        let result = try runner(baselines, report: report)
            .run([SnapshotPage(name: "page-2", image: .raster(changed), regions: articles)])
        let page = try #require(result.pages.first)
        #expect(page.status == .changed)
        #expect(page.diff?.differingPixels == block.area)
        #expect(page.regions == [ChangedRegion(rect: block, touchedIDs: ["a-lead"])])
        #expect(result.exitCode == 1)
        let html = try String(contentsOfFile: path(report, "index.html"), encoding: .utf8)
        for role in ["baseline", "new", "diff"] {
            #expect(html.contains("src=\"images/page-2.\(role).png\""))
            #expect(FileManager.default.fileExists(atPath: path(report, "images/page-2.\(role).png")))
        }
        #expect(html.contains("a-lead"))
        #expect(!html.contains("ad<1>"))   // not touched, and never unescaped
        #expect(html.contains("class=\"box\""))
        // The report's diff image marks the block red.
        let diffImage = try RasterImage(pngPath: path(report, "images/page-2.diff.png"))
        #expect(diffImage[block.x, block.y] == .red)
        // The baseline was not touched without --update.
        #expect(try RasterImage(pngPath: path(baselines, "page-2.png")) == samplePage())
    }

    @Test func updateRewritesChangedBaselinesAndDropsRemovedOnes() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let baselines = path(dir, "baselines")
        try FileManager.default.createDirectory(atPath: baselines, withIntermediateDirectories: true)
        try samplePage().writePNG(to: path(baselines, "p1.png"))
        try samplePage().writePNG(to: path(baselines, "gone.png"))
        var changed = samplePage()
        changed.fill(PixelRect(x: 0, y: 0, width: 5, height: 5), with: .black)
        let pages = [SnapshotPage(name: "p1", image: .raster(changed))]

        let check = try runner(baselines).run(pages)
        #expect(check.pages.map(\.status) == [.changed, .removed])
        #expect(check.exitCode == 1)

        let update = try runner(baselines, update: true).run(pages)
        #expect(update.exitCode == 0)
        #expect(update.pages.allSatisfy { $0.baselineWritten })
        #expect(try RasterImage(pngPath: path(baselines, "p1.png")) == changed)
        #expect(!FileManager.default.fileExists(atPath: path(baselines, "gone.png")))
        #expect(try runner(baselines).run(pages).exitCode == 0)
    }

    @Test func baselineAtAnotherResolutionIsAClearError() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let baselines = path(dir, "baselines")
        try FileManager.default.createDirectory(atPath: baselines, withIntermediateDirectories: true)
        try RasterImage(width: 120, height: 170).writePNG(to: path(baselines, "page-1.png"))
        let result = try runner(baselines, report: path(dir, "report"))
            .run([SnapshotPage(name: "page-1", image: .raster(RasterImage(width: 240, height: 340)))])
        let page = try #require(result.pages.first)
        #expect(page.status == .resolutionMismatch)
        #expect(page.message == "baseline page-1.png is 120×170 px, new page is 240×340 px: render at the baseline's dpi")
        #expect(result.exitCode == 2)
        let html = try String(contentsOfFile: path(dir, "report/index.html"), encoding: .utf8)
        #expect(html.contains("render at the baseline&#39;s dpi"))
    }

    @Test func anotherPageFormatIsAChangeDiffedOverTheCommonArea() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let baselines = path(dir, "baselines")
        try FileManager.default.createDirectory(atPath: baselines, withIntermediateDirectories: true)
        try samplePage(width: 240, height: 160).writePNG(to: path(baselines, "p.png"))
        let result = try runner(baselines).run([SnapshotPage(name: "p", image: .raster(samplePage(width: 240, height: 120)))])
        let page = try #require(result.pages.first)
        #expect(page.status == .changed)
        #expect(page.diff?.comparedSize == PixelSize(width: 240, height: 120))
        #expect(page.message?.contains("compared the common 240×120 px area only") == true)
        #expect(result.exitCode == 1)
    }

    @Test func pageNamesThatAreNotFileNamesAreRejected() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for bad in ["", "../escape", ".hidden", "a/b"] {
            #expect(throws: DiffError.invalidPageName(bad)) {
                try runner(dir).run([SnapshotPage(name: bad, image: .raster(samplePage()))])
            }
        }
    }
}
