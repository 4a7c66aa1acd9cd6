import CJPEG
import Foundation

/// Pixels decoded by libjpeg-turbo, 8 bits per component, rows packed without padding.
struct DecodedJPEG {
    enum ColorSpace: Equatable { case gray, rgb, cmyk(adobeInverted: Bool) }
    var width: Int
    var height: Int
    var colorSpace: ColorSpace
    var pixels: [UInt8]

    var components: Int {
        switch colorSpace { case .gray: 1; case .rgb: 3; case .cmyk: 4 }
    }
}

/// libjpeg-turbo through the setjmp-guarded helpers in the CJPEG shim, so a corrupt file
/// becomes a thrown error instead of libjpeg's default exit().
enum JPEGCodec {
    static func decode(_ data: [UInt8], path: String) throws -> DecodedJPEG {
        var width: Int32 = 0, height: Int32 = 0, components: Int32 = 0, inverted: Int32 = 0
        var pixels: UnsafeMutablePointer<UInt8>?
        var message = [CChar](repeating: 0, count: 256)
        let result = data.withUnsafeBufferPointer { buffer in
            bs_jpeg_decode(buffer.baseAddress, UInt(buffer.count), &width, &height, &components, &inverted,
                           &pixels, &message, message.count)
        }
        guard result == 0, let pixels else {
            throw RenderError.imageDecode(path: path, detail: "libjpeg: " + cMessage(message))
        }
        defer { free(pixels) }
        let count = Int(width) * Int(height) * Int(components)
        let colorSpace: DecodedJPEG.ColorSpace
        switch components {
        case 1: colorSpace = .gray
        case 3: colorSpace = .rgb
        case 4: colorSpace = .cmyk(adobeInverted: inverted != 0)
        default:
            throw RenderError.imageUnsupported(path: path, detail: "\(components) colour components")
        }
        return DecodedJPEG(width: Int(width), height: Int(height), colorSpace: colorSpace,
                           pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    /// Baseline JPEG from gray (1) or RGB (3) pixels. Used to make test images without
    /// committing binary fixtures, and available for proofs.
    static func encode(pixels: [UInt8], width: Int, height: Int, components: Int, quality: Int = 85) throws -> [UInt8] {
        precondition(components == 1 || components == 3, "JPEG encoding supports gray or RGB")
        precondition(pixels.count == width * height * components, "pixel buffer size mismatch")
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        var message = [CChar](repeating: 0, count: 256)
        let result = pixels.withUnsafeBufferPointer { buffer in
            bs_jpeg_encode(buffer.baseAddress, Int32(width), Int32(height), Int32(components), Int32(quality),
                           &output, &size, &message, message.count)
        }
        guard result == 0, let output else {
            free(output)
            throw RenderError.imageDecode(path: "<encoder>", detail: "libjpeg: " + cMessage(message))
        }
        defer { free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }
}

/// libjpeg's fixed-size, NUL-terminated message buffer as a Swift string.
private func cMessage(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
