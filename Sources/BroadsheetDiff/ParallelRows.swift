import Dispatch

/// Rows per work item. Big enough that scheduling costs vanish next to the work (a band of
/// a 2300 px page is ~600 KB of pixels), small enough that a 3200-row page splits into ~50
/// bands and two cores stay evenly loaded when changes cluster in one part of the page.
let rowsPerBand = 64

/// Runs `body` over disjoint bands of rows, in parallel. The bands are fixed by the height
/// alone, so anything computed per band and then combined in band order is deterministic
/// however the threads were scheduled.
func parallelRows(_ height: Int, _ body: @Sendable (Range<Int>) -> Void) {
    let bands = (height + rowsPerBand - 1) / rowsPerBand
    if bands <= 1 {
        if height > 0 { body(0..<height) }
        return
    }
    DispatchQueue.concurrentPerform(iterations: bands) { band in
        let start = band * rowsPerBand
        body(start..<min(start + rowsPerBand, height))
    }
}

/// Like `parallelRows`, collecting one value per band, returned in band order.
func parallelBands<T>(_ height: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
    let bands = max(1, (height + rowsPerBand - 1) / rowsPerBand)
    let results = BandResults<T>(count: bands)
    if bands == 1 {
        results.set(0, body(0..<height))
    } else {
        DispatchQueue.concurrentPerform(iterations: bands) { band in
            let start = band * rowsPerBand
            results.set(band, body(start..<min(start + rowsPerBand, height)))
        }
    }
    return results.values()
}

/// One slot per band; each slot is written by exactly one band, so no lock is needed. Raw
/// storage rather than a Swift array: concurrent writes through a class's array property
/// would trip the runtime's exclusivity checks even though the slots are disjoint.
private final class BandResults<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func set(_ i: Int, _ value: T) { slots[i] = value }
    func values() -> [T] { (0..<count).map { slots[$0]! } }
}

/// A raw pointer that worker bands may share because each writes only its own rows.
struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
