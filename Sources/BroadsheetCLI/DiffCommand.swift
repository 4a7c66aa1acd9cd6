import ArgumentParser
import BroadsheetDiff
import Foundation

/// `broadsheet diff A B`: which pages moved, and where, before the press run.
/// Exit status follows `cmp` and `diff`: 0 equal within tolerance, 1 different, 2 trouble.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two PNG or PDF files page by page (pixelmatch-style perceptual diff).",
        discussion: """
        Prints, per page, the number and share of differing pixels and the boxes of the changed \
        regions. Anti-aliasing-only differences are not counted (they are drawn yellow in the \
        diff image). Pages of different sizes are compared over their common top-left area.
        Exit status: 0 equal within tolerance, 1 different, 2 error.
        """)

    @Argument(help: "The reference: a PNG, or a PDF whose pages are rasterised.")
    var a: String

    @Argument(help: "The file to check against A: a PNG or a PDF.")
    var b: String

    @Option(name: [.short, .customLong("output")],
            help: "Write the diff image here (for several pages: NAME-1.png, NAME-2.png, ...).")
    var output: String?

    @Option(help: "Matching threshold 0...1; smaller is more sensitive (pixelmatch's scale).")
    var threshold: Double = 0.1

    @Option(help: "Resolution for rasterising PDF pages.")
    var dpi: Double = 150

    @Flag(name: .customLong("include-aa"), help: "Count anti-aliased pixels as differences.")
    var includeAA = false

    @Flag(help: "Print the result as JSON on standard output instead of text.")
    var json = false

    @Flag(help: "Print decode and compare times to standard error.")
    var timing = false

    func validate() throws { try checkDPI(dpi) }

    func run() throws {
        let status: Int32
        do {
            status = try compare()
        } catch let error as DiffError {
            FileHandle.standardError.write(Data("diff: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if status != 0 { throw ExitCode(status) }
    }

    private func compare() throws -> Int32 {
        guard (0...1).contains(threshold) else {
            throw DiffError.invalidArgument("--threshold must be between 0 and 1, not \(threshold)")
        }
        guard dpi > 0, dpi.isFinite else { throw DiffError.invalidArgument("--dpi must be positive, not \(dpi)") }
        let options = DiffOptions(threshold: threshold, includeAA: includeAA, makeDiffImage: output != nil)
        var written: [String] = []
        let multiPage = try output != nil && (ImageLoader.pageCount(of: a) > 1 || ImageLoader.pageCount(of: b) > 1)
        let result = try DocumentDiff.compare(a, b, dpi: dpi, options: options) { index, page in
            guard let output, let image = page.diffImage else { return }
            let path = multiPage ? Self.numbered(output, index + 1) : output
            try image.writePNG(to: path)
            written.append(path)
        }
        if timing {
            let line = String(format: "timing: decode %.1f ms, compare %.1f ms\n",
                              result.decodeSeconds * 1000, result.compareSeconds * 1000)
            FileHandle.standardError.write(Data(line.utf8))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let report = JSONReport(result, a: a, b: b, threshold: threshold, diffImages: written)
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        } else {
            print(Self.text(result, a: a, b: b, diffImages: written), terminator: "")
        }
        return result.isEqual ? 0 : 1
    }

    static func numbered(_ path: String, _ page: Int) -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension.isEmpty ? "png" : url.pathExtension
        let stem = url.deletingPathExtension().lastPathComponent
        let dir = (path as NSString).deletingLastPathComponent
        let name = "\(stem)-\(page).\(ext)"
        return dir.isEmpty ? name : (dir as NSString).appendingPathComponent(name)
    }

    static func text(_ r: DocumentDiff, a: String, b: String, diffImages: [String]) -> String {
        var s = ""
        for (i, p) in r.pages.enumerated() {
            s += "page \(i + 1): \(p.differingPixels) pixels differ (\(String(format: "%.4f", p.differingShare * 100)) %)"
            s += p.antialiasedPixels > 0 ? ", \(p.antialiasedPixels) anti-aliasing only" : ""
            s += ", \(p.regions.count) region\(p.regions.count == 1 ? "" : "s")\n"
            if p.sizesDiffer {
                s += "  sizes differ: A is \(p.sizeA), B is \(p.sizeB); compared the common \(p.comparedSize) area only\n"
            }
            for (n, box) in p.regions.enumerated() {
                s += "  region \(n + 1): x \(box.x), y \(box.y), \(box.width)×\(box.height) px\n"
            }
        }
        if r.pageCountsDiffer {
            s += "page counts differ: A has \(r.pageCountA), B has \(r.pageCountB); compared the first \(min(r.pageCountA, r.pageCountB))\n"
        }
        for path in diffImages { s += "diff image: \(path)\n" }
        let changed = r.pages.filter { !$0.isEqual }.count
        s += r.isEqual ? "equal: \(a) and \(b) match within tolerance\n"
            : "different: \(changed) of \(r.pages.count) compared pages differ\n"
        return s
    }
}

/// Machine-readable result for scripts (the pixelmatch agreement check reads it).
struct JSONReport: Encodable {
    struct Page: Encodable {
        var page: Int
        var differingPixels: Int
        var antialiasedPixels: Int
        var share: Double
        var sizeA: PixelSize
        var sizeB: PixelSize
        var comparedSize: PixelSize
        var sizesDiffer: Bool
        var regions: [PixelRect]
    }
    var a: String, b: String
    var threshold: Double
    var equal: Bool
    var pageCountA: Int, pageCountB: Int
    var pages: [Page]
    var diffImages: [String]

    init(_ r: DocumentDiff, a: String, b: String, threshold: Double, diffImages: [String]) {
        self.a = a; self.b = b; self.threshold = threshold
        equal = r.isEqual
        pageCountA = r.pageCountA; pageCountB = r.pageCountB
        pages = r.pages.enumerated().map { i, p in
            Page(page: i + 1, differingPixels: p.differingPixels, antialiasedPixels: p.antialiasedPixels,
                 share: p.differingShare, sizeA: p.sizeA, sizeB: p.sizeB, comparedSize: p.comparedSize,
                 sizesDiffer: p.sizesDiffer, regions: p.regions)
        }
        self.diffImages = diffImages
    }
}
