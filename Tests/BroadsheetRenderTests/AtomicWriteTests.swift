import BroadsheetDisplay
import Foundation
import Testing
@testable import BroadsheetRender

/// No half-written output, ever: a failed write leaves the old file (or nothing) and no
/// temporary file behind.
@Suite struct AtomicWriteTests {
    func simpleDocument() throws -> DisplayDocument {
        DisplayDocument(title: "t", date: "2025-01-10",
                        pages: [DisplayPage(width: 200, height: 100, items: [try run("日长", x: 10, y: 50)])])
    }

    func brokenDocument() -> DisplayDocument {
        let page = DisplayPage(width: 100, height: 100, items: [
            .image(ImageItem(source: .jpeg(path: "/nonexistent/missing.jpg"), frame: Rect(x: 0, y: 0, width: 10, height: 10),
                             crop: Rect(x: 0, y: 0, width: 10, height: 10))),
        ])
        return DisplayDocument(title: "t", date: "2025-01-10", pages: [DisplayPage(width: 100, height: 100), page])
    }

    /// The temp file is written completely, then rename() fails because the destination is
    /// a non-empty directory: the error names the path and the temp file is removed.
    @Test func failedRenameRemovesTheTemporaryFile() throws {
        let dir = try makeTempDirectory()
        let destination = dir + "/out.pdf"
        try FileManager.default.createDirectory(atPath: destination + "/blocker", withIntermediateDirectories: true)
        #expect { try PDFRenderer().write(try simpleDocument(), to: destination) } throws: { error in
            guard case RenderError.write(let path, let detail) = error else { return false }
            return path == destination && detail.contains("renam")
        }
        #expect(files(in: dir) == ["out.pdf"], "leftover files: \(files(in: dir))")
    }

    @Test func failedRenderLeavesTheOldFileUntouched() throws {
        let dir = try makeTempDirectory()
        let destination = dir + "/out.pdf"
        try Data("old".utf8).write(to: URL(fileURLWithPath: destination))
        #expect(throws: RenderError.imageMissing(path: "/nonexistent/missing.jpg")) {
            try PDFRenderer().write(brokenDocument(), to: destination)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == Data("old".utf8))
        #expect(files(in: dir) == ["out.pdf"])
    }

    @Test func successfulWriteReplacesTheFileAndLeavesNothingElse() throws {
        let dir = try makeTempDirectory()
        let destination = dir + "/out.pdf"
        try Data("old".utf8).write(to: URL(fileURLWithPath: destination))
        try PDFRenderer().write(try simpleDocument(), to: destination)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: destination))
        #expect(bytes.starts(with: Data("%PDF-".utf8)))
        #expect(files(in: dir) == ["out.pdf"])
        let attributes = try FileManager.default.attributesOfItem(atPath: destination)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
    }

    /// A bad page 2 means no PNG is written at all, not page 1 alone.
    @Test func pngPagesAreAllOrNothing() throws {
        let dir = try makeTempDirectory()
        #expect(throws: RenderError.imageMissing(path: "/nonexistent/missing.jpg")) {
            try PNGRenderer().write(brokenDocument(), toDirectory: dir + "/png", dpi: 72)
        }
        #expect(files(in: dir).isEmpty, "leftover files: \(files(in: dir))")
    }

    @Test func unwritableDirectoryIsAnErrorNamingThePath() throws {
        let destination = "/nonexistent/dir/out.pdf"
        #expect { try PDFRenderer().write(try simpleDocument(), to: destination) } throws: { error in
            "\(error)".contains(destination)
        }
    }
}
