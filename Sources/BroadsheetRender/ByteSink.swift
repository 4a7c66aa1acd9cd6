import CCairo

/// Collects what Cairo writes through a cairo_write_func_t. PDF and PNG output go to
/// memory first so nothing touches the destination until the whole file is known good
/// (and so the PDF can be post-processed for print boxes before it is written).
///
/// Cairo calls the write function without buffering, a few bytes at a time (about 300 000
/// calls for a ten-page galley, each a glyph id or an offset). So the callback touches only
/// the byte array, through a pointer: going through the class cost a retain and release
/// and a dynamic exclusivity check per call, more than the copying, on the drawing thread.
final class ByteSink {
    private let storage: UnsafeMutablePointer<[UInt8]>

    /// `reserving`: bytes to make room for up front. Growing by doubling copies everything
    /// written so far into fresh pages each time, and a PDF writer writes a few megabytes in
    /// small pieces; untouched reserved pages cost address space, not memory.
    init(reserving capacity: Int = 0) {
        storage = .allocate(capacity: 1)
        storage.initialize(to: [])
        if capacity > 0 { storage.pointee.reserveCapacity(capacity) }
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// What was written so far. Hold on to it only briefly while Cairo is still writing:
    /// the next write would then copy the whole array.
    var bytes: [UInt8] { storage.pointee }

    /// The C callback; `closure` points at the sink's byte array, which lives as long as
    /// the sink (the surface keeps the sink alive).
    static let writeFunction: cairo_write_func_t = { closure, data, length in
        guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
        if let data, length > 0 {
            closure.assumingMemoryBound(to: [UInt8].self).pointee
                .append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        }
        return CAIRO_STATUS_SUCCESS
    }

    var closure: UnsafeMutableRawPointer { UnsafeMutableRawPointer(storage) }
}
