import Foundation

/// One timed body: runs `iterations` operations and returns a checksum of what it read.
typealias Body = (_ iterations: Int) throws -> Int64

/// Times bodies, interleaving the Swift and C sides of a workload so both see the same noise.
struct Measurement {
    var iterations: Int
    var repeats: Int

    static func seconds(_ body: Body, iterations: Int) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let checksum = try body(iterations)
        let end = DispatchTime.now().uptimeNanoseconds
        guard checksum >= 0 else { throw BenchError("a body reported failure (checksum \(checksum))") }
        return Double(end - start) / 1e9
    }

    /// Median seconds of `repeats` runs of each body, alternating between them; one warm-up run each.
    func medians(_ bodies: [Body]) throws -> [Double] {
        for body in bodies { _ = try Self.seconds(body, iterations: max(1, iterations / 10)) }
        var samples = Array(repeating: [Double](), count: bodies.count)
        for _ in 0..<repeats {
            for (i, body) in bodies.enumerated() {
                samples[i].append(try Self.seconds(body, iterations: iterations))
            }
        }
        return samples.map { s in
            let sorted = s.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
