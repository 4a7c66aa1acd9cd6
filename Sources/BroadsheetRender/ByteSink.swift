import CCairo

/// Collects what Cairo writes through a cairo_write_func_t. PDF and PNG output go to
/// memory first so nothing touches the destination until the whole file is known good
/// (and so the PDF can be post-processed for print boxes before it is written).
final class ByteSink {
    private(set) var bytes: [UInt8] = []

    /// Room reserved up front: growing by doubling copies everything written so far into
    /// fresh pages each time, and a galley writes a few megabytes in small pieces. Untouched
    /// reserved pages cost nothing.
    static let initialCapacity = 8 << 20

    init() { bytes.reserveCapacity(Self.initialCapacity) }

    /// The C callback; `closure` is an unretained ByteSink that the caller keeps alive.
    static let writeFunction: cairo_write_func_t = { closure, data, length in
        guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        if let data, length > 0 {
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        }
        return CAIRO_STATUS_SUCCESS
    }

    var closure: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}
