import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that readers see either the old file or the complete new one, never a
/// prefix: a press workflow may pick a PDF up from a hot folder the moment it appears.
/// The temporary file lives in the destination directory because rename() is only atomic
/// within one file system.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var template = Array("\(directory)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw RenderError.write(path: path, detail: "cannot create a temporary file in \(directory): \(errnoText())")
        }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var isOpen = true
        var renamed = false
        defer {
            if isOpen { close(fd) }
            if !renamed { unlink(temporary) }
        }
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw RenderError.write(path: path, detail: "writing \(temporary): \(errnoText())")
                }
                done += n
            }
        }
        // mkstemp creates 0600; output files are ordinary documents.
        guard fchmod(fd, 0o644) == 0, fsync(fd) == 0 else {
            throw RenderError.write(path: path, detail: "finishing \(temporary): \(errnoText())")
        }
        isOpen = false
        guard close(fd) == 0 else {
            throw RenderError.write(path: path, detail: "closing \(temporary): \(errnoText())")
        }
        guard rename(temporary, path) == 0 else {
            throw RenderError.write(path: path, detail: "renaming \(temporary) into place: \(errnoText())")
        }
        renamed = true
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
