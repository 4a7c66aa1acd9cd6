import CCairo
import Testing
@testable import BroadsheetRender

/// ByteSink stages Cairo's small writes before moving them to its byte array: whatever the
/// sizes of the writes and whenever the bytes are read, they come back complete and in order.
struct ByteSinkTests {
    @Test func writesOfEverySizeComeBackInOrder() {
        let sink = ByteSink()
        var expected: [UInt8] = []
        let size = ByteSink.stagingSize
        let lengths = [1, 3, size - 4, 1, size, 7, 2 * size + 3, size - 1, 1, 0, size + 1, 5]
        var next: UInt8 = 0
        for (k, n) in lengths.enumerated() {
            var chunk = [UInt8](repeating: 0, count: n)
            for i in 0..<n { chunk[i] = next; next &+= 1 }
            let status = chunk.withUnsafeBufferPointer { ByteSink.writeFunction(sink.closure, $0.baseAddress, UInt32(n)) }
            #expect(status == CAIRO_STATUS_SUCCESS)
            expected += chunk
            // Read now and then, as the PDF writer does after each page.
            if k % 3 == 2 { #expect(sink.bytes == expected, "after write \(k)") }
        }
        #expect(sink.bytes == expected)
        #expect(sink.bytes.count == lengths.reduce(0, +))
    }
}
