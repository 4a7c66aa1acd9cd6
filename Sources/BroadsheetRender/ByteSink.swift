import CCairo

/// Collects what Cairo writes through a cairo_write_func_t. PDF and PNG output go to
/// memory first so nothing touches the destination until the whole file is known good
/// (and so the PDF can be post-processed for print boxes before it is written).
///
/// Cairo calls the write function without buffering, a few bytes at a time (about 300 000
/// calls for a ten-page galley, each a glyph id or an offset), on the drawing thread. So
/// the callback only copies into a small staging buffer, through a pointer, and the byte
/// array grows once per `stagingSize` bytes: appending each piece to the array cost about
/// 90 instructions a call (2 % of a galley's), and going through the class a retain,
/// a release and an exclusivity check more.
final class ByteSink {
    /// Bytes staged before they are moved to the array: a few thousand writes of glyph ids
    /// and offsets, so the array's append runs once per thousands of calls, in a buffer that
    /// stays in the first-level cache.
    static let stagingSize = 16 << 10

    private struct Storage {
        var bytes: [UInt8] = []
        var staged = 0
        /// Allocated and freed by the sink.
        let staging: UnsafeMutablePointer<UInt8>

        mutating func flush() {
            guard staged > 0 else { return }
            bytes.append(contentsOf: UnsafeBufferPointer(start: staging, count: staged))
            staged = 0
        }
    }

    private let storage: UnsafeMutablePointer<Storage>

    /// `reserving`: bytes to make room for up front. Growing by doubling copies everything
    /// written so far into fresh pages each time, and a PDF writer writes a few megabytes in
    /// small pieces; untouched reserved pages cost address space, not memory.
    init(reserving capacity: Int = 0) {
        storage = .allocate(capacity: 1)
        storage.initialize(to: Storage(staging: .allocate(capacity: Self.stagingSize)))
        if capacity > 0 { storage.pointee.bytes.reserveCapacity(capacity) }
    }

    deinit {
        storage.pointee.staging.deallocate()
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// What was written so far. Hold on to it only briefly while Cairo is still writing:
    /// the next move from the staging buffer would then copy the whole array.
    var bytes: [UInt8] {
        storage.pointee.flush()
        return storage.pointee.bytes
    }

    /// The C callback; `closure` points at the sink's storage, which lives as long as the
    /// sink (the surface keeps the sink alive).
    static let writeFunction: cairo_write_func_t = { closure, data, length in
        guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
        guard let data, length > 0 else { return CAIRO_STATUS_SUCCESS }
        let s = closure.assumingMemoryBound(to: Storage.self)
        let n = Int(length)
        if n > ByteSink.stagingSize - s.pointee.staged {
            s.pointee.flush()
            if n >= ByteSink.stagingSize {
                s.pointee.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: n))
                return CAIRO_STATUS_SUCCESS
            }
        }
        (s.pointee.staging + s.pointee.staged).initialize(from: data, count: n)
        s.pointee.staged += n
        return CAIRO_STATUS_SUCCESS
    }

    var closure: UnsafeMutableRawPointer { UnsafeMutableRawPointer(storage) }
}
