import Dispatch

/// The outcome of comparing two files page by page.
public struct DocumentDiff: Sendable {
    public let pageCountA: Int
    public let pageCountB: Int
    /// One entry per page present in both files, in page order, without diff images.
    public let pages: [PageDiff]
    /// Wall-clock seconds spent decoding/rasterising and comparing (diff-image writing in
    /// `onPage` excluded), so that users can tell whether the file format or the diff is slow.
    public let decodeSeconds: Double
    public let compareSeconds: Double

    public var pageCountsDiffer: Bool { pageCountA != pageCountB }
    public var isEqual: Bool { !pageCountsDiffer && pages.allSatisfy(\.isEqual) }

    /// Compares two PNG or PDF files (mixing is allowed: a PNG proof against page 1 of a PDF).
    /// Pages are read and compared one pair at a time and handed to `onPage` with their diff
    /// image, so a 40-page PDF never holds more than two pages and one diff in memory.
    public static func compare(_ pathA: String, _ pathB: String, dpi: Double = ImageLoader.defaultDPI,
                               options: DiffOptions = DiffOptions(),
                               onPage: (_ index: Int, _ diff: PageDiff) throws -> Void = { _, _ in }) throws -> DocumentDiff {
        try options.validate()
        let clock = ContinuousClock()
        var decode = Duration.zero, comparing = Duration.zero
        var start = clock.now
        let readers = try loadBoth { try PageReader(path: $0 == 0 ? pathA : pathB, dpi: dpi) }
        let (ra, rb) = (readers[0], readers[1])
        decode += clock.now - start
        var pages: [PageDiff] = []
        for index in 0..<min(ra.count, rb.count) {
            start = clock.now
            let pair = try loadBoth { try ($0 == 0 ? ra : rb).page(index) }
            decode += clock.now - start
            start = clock.now
            let diff = try ImageDiff.compare(pair[0], pair[1], options: options)
            comparing += clock.now - start
            try onPage(index, diff)
            pages.append(diff.withoutImage())
        }
        return DocumentDiff(pageCountA: ra.count, pageCountB: rb.count, pages: pages,
                            decodeSeconds: decode.seconds, compareSeconds: comparing.seconds)
    }

    /// Decodes A and B side by side: PNG inflation and PDF rasterising are single-threaded
    /// in the C libraries, so two cores halve the wait. Errors are reported for A first.
    private static func loadBoth<T>(_ load: @Sendable (Int) throws -> T) throws -> [T] {
        let slots = Slots<Result<T, Error>>()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let r = Result { try load(i) }
            slots.set(i, r)
        }
        return try [slots.get(0).get(), slots.get(1).get()]
    }
}

/// Two result slots written from two threads, one each.
private final class Slots<T>: @unchecked Sendable {
    private let storage = UnsafeMutablePointer<T?>.allocate(capacity: 2)
    init() { storage.initialize(repeating: nil, count: 2) }
    deinit { storage.deinitialize(count: 2); storage.deallocate() }
    func set(_ i: Int, _ value: T) { storage[i] = value }
    func get(_ i: Int) -> T { storage[i]! }
}

/// Pages of one input file, decoded on demand. Each reader is only used by one thread at a
/// time (poppler documents are not thread-safe, but two documents may render concurrently).
private final class PageReader: @unchecked Sendable {
    private let png: RasterImage?
    private let pdf: PopplerDocument?
    private let dpi: Double
    let count: Int

    init(path: String, dpi: Double) throws {
        guard dpi > 0, dpi.isFinite else { throw DiffError.invalidArgument("dpi must be a positive number, not \(dpi)") }
        self.dpi = dpi
        switch try ImageLoader.kind(of: path) {
        case .png:
            png = try ImageLoader.readPNG(path); pdf = nil; count = 1
        case .pdf:
            let doc = try PopplerDocument(path: path)
            guard doc.pageCount > 0 else { throw DiffError.pdfHasNoPages(path: path) }
            png = nil; pdf = doc; count = doc.pageCount
        }
    }

    func page(_ index: Int) throws -> RasterImage {
        if let png { return png }
        return try pdf!.render(page: index, dpi: dpi)
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
